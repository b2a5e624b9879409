package io.switchboard.admin.handoff;

import io.switchboard.ivr.handoff.DeliveryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code switchboard.handoff.*}: which integration each flow target goes to, the integrations
 * (service type, base URL, the environment variable holding the credential, subject and field mapping) and how
 * delivery retries. No integration is configured by default: the flow's {@code handoff} step then takes
 * {@code failed}.
 *
 * @param targets      a flow's handoff target → integration name ({@code switchboard.handoff.targets.ticket=helpdesk})
 * @param integrations integration name → its settings
 * @param on           automatic hand-offs: {@code abandon}, {@code callback-requested}, {@code callback-completed},
 *                     {@code callback-failed} (queue events with a callable number) and {@code follow-up} (calls
 *                     marked through the API) → integration ({@code switchboard.handoff.on.abandon=helpdesk}); and
 *                     {@code chat}: callers who left a queue for chat, to a Chatwoot integration
 * @param sms          the SMS webhook that texts a chat overflow's caller the conversation's link (none when its
 *                     {@code url} is not set)
 * @param timeout      how long one request to a service may take
 */
@ConfigurationProperties("switchboard.handoff")
public record HandoffProperties(
        Map<String, String> targets,
        Map<String, Integration> integrations,
        Map<String, String> on,
        Sms sms,
        @DefaultValue("1s") Duration poll,
        @DefaultValue("50") int batch,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("2") int redeliveries,
        @DefaultValue("500ms") Duration redeliveryDelay,
        @DefaultValue("10s") Duration maxRedeliveryDelay,
        @DefaultValue("30s") Duration retryAfter,
        @DefaultValue("1h") Duration maxRetryAfter,
        @DefaultValue("100") int maxAttempts,
        @DefaultValue("10s") Duration timeout) {

    public HandoffProperties {
        targets = targets == null ? Map.of() : Map.copyOf(targets);
        integrations = integrations == null ? Map.of() : Map.copyOf(integrations);
        on = on == null ? Map.of() : Map.copyOf(on);
    }

    /**
     * The SMS webhook for chat links ({@code switchboard.handoff.sms.*}).
     *
     * @param url       where the texts are POSTed (signed JSON {@code {to, message, idempotencyKey, callId}})
     * @param secretEnv the environment variable holding the HMAC secret (never the secret itself)
     * @param message   the text, with {@code {link}}
     * @param link      the conversation's link, with {@code {conversation}} (and optionally {@code {caller}})
     */
    public record Sms(URI url, @DefaultValue("") String secretEnv,
            @DefaultValue("Continue in chat here: {link}") String message, String link) {}

    /** The rule name of chat overflows ({@code switchboard.handoff.on.chat}). */
    public static final String CHAT = "chat";

    /** The rule name of an agent's or supervisor's follow-up mark ({@code POST /api/calls/{id}/follow-up}). */
    public static final String FOLLOW_UP = "follow-up";

    /** The integration follow-up marks go to, or null when none is configured. */
    public String followUp() {
        return on.get(FOLLOW_UP);
    }

    /** The automatic hand-offs on queue events: every rule but {@link #FOLLOW_UP}. */
    public Map<String, String> queueEventRules() {
        Map<String, String> rules = new java.util.LinkedHashMap<>(on);
        rules.remove(FOLLOW_UP);
        return rules;
    }

    /** The delivery policy these settings describe (checked there, with messages naming the property). */
    public DeliveryPolicy policy() {
        return new DeliveryPolicy(poll, batch, lease, redeliveries, redeliveryDelay, maxRedeliveryDelay, retryAfter,
                maxRetryAfter, maxAttempts);
    }

    /**
     * One integration.
     *
     * @param type          {@code zammad}, {@code zendesk}, {@code chatwoot} or {@code webhook}
     * @param baseUrl       the service's URL (the webhook's full URL)
     * @param credentialEnv the name of the environment variable holding its token or secret (never the secret itself)
     * @param subject       the ticket's subject; {@code {caller}}, {@code {topic}}… are payload values
     * @param fields        service field → payload name
     * @param options       per service: {@code group}, {@code customer} (Zammad); {@code account-id}, {@code inbox-id}
     *                      (Chatwoot)
     */
    public record Integration(String type, URI baseUrl, @DefaultValue("") String credentialEnv,
            @DefaultValue("Call from {caller}") String subject, Map<String, String> fields,
            Map<String, String> options) {}
}
