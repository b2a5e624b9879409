package io.switchboard.ivr.sip;

import io.switchboard.ivr.call.Dialer.DialTarget;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the built-in endpoint sends an outbound INVITE: an agent's phone at the contact it registered, a customer's
 * number through a SIP URI template ({@code switchboard.outbound.uri}, e.g. {@code sip:{number}@127.0.0.1:5090},
 * a gateway or a trunk). A number is digits with an optional leading {@code +}, 3 to 20 of them, so nothing else
 * can reach the URI.
 */
public record OutboundRoute(String uriTemplate) {

    /** The placeholder the number replaces. */
    public static final String NUMBER = "{number}";

    private static final Pattern VALID_NUMBER = Pattern.compile("\\+?[0-9]{3,20}");
    private static final Pattern TEMPLATE = Pattern.compile("sips?:[^\\s<>\"]*\\{number}[^\\s<>\"]*");

    public OutboundRoute {
        Objects.requireNonNull(uriTemplate, "uriTemplate");
        if (!TEMPLATE.matcher(uriTemplate).matches() || uriTemplate.length() > 256) {
            throw new IllegalArgumentException("the outbound URI is a SIP URI holding " + NUMBER
                    + " (e.g. sip:{number}@127.0.0.1:5090), got '" + uriTemplate + "'");
        }
    }

    /** The default: a gateway on loopback port 5090 (the simulator answers there in tests). */
    public static OutboundRoute loopback() {
        return new OutboundRoute("sip:{number}@127.0.0.1:5090");
    }

    /** The URI to send the INVITE to; throws {@link IllegalArgumentException} saying why there is none. */
    public String uriFor(DialTarget target) {
        return switch (target) {
            case DialTarget.AgentPhone phone -> {
                String contact = phone.contact();
                if (contact == null || !contact.matches("sips?:[^\\s<>\"]{1,256}")) {
                    throw new IllegalArgumentException("agent " + phone.agentId() + " has no usable contact");
                }
                yield contact;
            }
            case DialTarget.Number number -> {
                if (number.number() == null || !VALID_NUMBER.matcher(number.number()).matches()) {
                    throw new IllegalArgumentException("not a number to dial: 3-20 digits with an optional"
                            + " leading +");
                }
                yield uriTemplate.replace(NUMBER, number.number());
            }
        };
    }
}
