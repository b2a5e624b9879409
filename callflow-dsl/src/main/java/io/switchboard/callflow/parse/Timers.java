package io.switchboard.callflow.parse;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times as designers write them: {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 2m}. */
public final class Timers {

    /** The longest timer a flow may set. */
    public static final Duration MAX = Duration.ofHours(1);

    private static final Pattern TIME = Pattern.compile("(\\d{1,7})(?:\\.(\\d{1,3}))?\\s*(ms|s|m)");

    private Timers() {}

    public static Optional<Duration> parse(String text) {
        Matcher m = TIME.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long whole = Long.parseLong(m.group(1));
        String fraction = m.group(2) == null ? "" : m.group(2);
        long millisPerUnit = switch (m.group(3)) {
            case "ms" -> 1;
            case "s" -> 1000;
            default -> 60_000;
        };
        if (!fraction.isEmpty() && millisPerUnit == 1) {
            return Optional.empty();
        }
        long frac = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00").substring(0, 3)) * millisPerUnit / 1000;
        return Optional.of(Duration.ofMillis(whole * millisPerUnit + frac));
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
