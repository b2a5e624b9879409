package io.switchboard.ivr.sip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;

/**
 * The INVITE of an outbound call: From the caller id (sanitised; {@code anonymous} when unusable), To and
 * Request-URI the target, our Contact, the SDP offer, and the call's context as {@code X-Switchboard-<name>} headers.
 * Context names are 1-32 letters, digits and '-', values single-line printable text of at most 256 characters
 * (control characters dropped); at most 16 of them, the rest left out, so a caller's data cannot add SIP headers.
 */
final class OutboundInvite {

    static final int MAX_CONTEXT = 16;
    static final int MAX_VALUE = 256;
    private static final Pattern CALLER_ID = Pattern.compile("[A-Za-z0-9+*#._-]{1,32}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]{1,32}");

    private final SipMessages messages;
    private final SipEndpointConfig config;

    OutboundInvite(SipMessages messages, SipEndpointConfig config) {
        this.messages = messages;
        this.config = config;
    }

    static String callerId(String given) {
        return given != null && CALLER_ID.matcher(given).matches() ? given : "anonymous";
    }

    /** The context value as it goes on the wire: control characters dropped, cut to {@value #MAX_VALUE}. */
    static String value(String v) {
        String clean = v == null ? "" : v.replaceAll("[\\p{Cntrl}]", "").strip();
        return clean.length() > MAX_VALUE ? clean.substring(0, MAX_VALUE) : clean;
    }

    Request build(String uri, String sipCallId, String callerId, Map<String, String> context, String sdp)
            throws ParseException, InvalidArgumentException {
        HeaderFactory h = messages.headers();
        URI target = messages.addresses().createURI(uri);
        Address from = messages.addresses().createAddress("sip:" + callerId + "@" + config.bindAddress() + ":"
                + config.port());
        Address to = messages.addresses().createAddress(target);
        Request invite = messages.messages().createRequest(target, Request.INVITE, h.createCallIdHeader(sipCallId),
                h.createCSeqHeader(1L, Request.INVITE),
                h.createFromHeader(from, Long.toHexString(ThreadLocalRandom.current().nextLong())),
                h.createToHeader(to, null), List.of(h.createViaHeader(config.bindAddress(), config.port(), "udp",
                        null)), h.createMaxForwardsHeader(70));
        invite.addHeader(h.createContactHeader(messages.addresses().createAddress("sip:switchboard@"
                + config.bindAddress() + ":" + config.port())));
        invite.addHeader(h.createUserAgentHeader(List.of(SipMessages.USER_AGENT)));
        int added = 0;
        for (var e : context.entrySet()) {
            if (added == MAX_CONTEXT) {
                break;
            }
            if (e.getKey() != null && NAME.matcher(e.getKey()).matches()) {
                String value = value(e.getValue());
                if (!value.isEmpty()) {
                    invite.addHeader(h.createHeader("X-Switchboard-" + e.getKey(), value));
                    added++;
                }
            }
        }
        invite.setContent(sdp.getBytes(StandardCharsets.UTF_8), h.createContentTypeHeader("application", "sdp"));
        return invite;
    }
}
