package io.switchboard.ivr.sip;

import java.util.Locale;
import java.util.Optional;

/**
 * Keys sent in SIP INFO bodies: {@code application/dtmf-relay} ({@code Signal=5\r\nDuration=160}) and
 * {@code application/dtmf} (the key alone).
 */
final class DtmfInfo {

    private static final String KEYS = "0123456789*#ABCD";

    private DtmfInfo() {}

    static Optional<Character> parse(String contentType, String body) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.equals("application/dtmf-relay")) {
            for (String line : body.split("\r?\n")) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).strip().equalsIgnoreCase("signal")) {
                    return key(line.substring(eq + 1).strip());
                }
            }
            return Optional.empty();
        }
        if (type.equals("application/dtmf")) {
            return key(body.strip());
        }
        return Optional.empty();
    }

    private static Optional<Character> key(String value) {
        if (value.length() == 1 && KEYS.indexOf(Character.toUpperCase(value.charAt(0))) >= 0) {
            return Optional.of(Character.toUpperCase(value.charAt(0)));
        }
        return switch (value) {
            case "10" -> Optional.of('*');
            case "11" -> Optional.of('#');
            default -> Optional.empty();
        };
    }
}
