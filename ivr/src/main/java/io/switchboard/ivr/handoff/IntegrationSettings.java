package io.switchboard.ivr.handoff;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One integration as configured: its kind of service, where it is, its credential (read from the environment by the
 * server, never from a file), the subject line and the field mapping.
 *
 * @param name       the integration's name (routes and the outbox know it by this)
 * @param type       {@code zammad}, {@code zendesk}, {@code chatwoot} or {@code webhook}
 * @param credential the token or secret; empty when the service needs none
 * @param subject    the ticket's subject, {@code {name}} replaced by that payload value
 * @param fields     service field → payload name: Zammad ticket attributes, Zendesk custom field ids, Chatwoot
 *                   custom attributes, webhook JSON fields
 * @param options    per service: {@code group} and {@code customer} (Zammad), {@code account-id} and {@code inbox-id}
 *                   (Chatwoot)
 */
public record IntegrationSettings(String name, String type, URI baseUrl, String credential, String subject,
        Map<String, String> fields, Map<String, String> options) {

    public static final java.util.List<String> TYPES = java.util.List.of("zammad", "zendesk", "chatwoot", "webhook");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]{1,64})}");

    public IntegrationSettings {
        if (!name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("hand-off integration name '" + name + "': use lower-case letters,"
                    + " digits and '-', at most 40");
        }
        type = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("switchboard.handoff.integrations." + name + ".type is '" + type
                    + "': write one of " + TYPES);
        }
        if (baseUrl == null || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("switchboard.handoff.integrations." + name + ".base-url must be an"
                    + " http(s) URL, got " + baseUrl);
        }
        credential = credential == null ? "" : credential;
        subject = subject == null || subject.isBlank() ? "Call from {caller}" : subject;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** {@code path} under the base URL (which may have a path of its own). */
    public URI at(String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /** The subject for {@code handoff}. */
    public String subjectOf(Handoff handoff) {
        Matcher m = PLACEHOLDER.matcher(subject);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(handoff.field(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    public String option(String key, String otherwise) {
        String v = options.get(key);
        return v == null || v.isBlank() ? otherwise : v;
    }

    @Override
    public String toString() {
        return "IntegrationSettings[" + name + ", " + type + ", " + baseUrl + ", credential "
                + (credential.isEmpty() ? "none" : "set") + "]";
    }
}
