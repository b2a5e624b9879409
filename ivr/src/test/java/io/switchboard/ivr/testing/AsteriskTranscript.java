package io.switchboard.ivr.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A session recorded from a real Asterisk 20 (test resources {@code asterisk/*.txt}): each line is the time, the
 * direction ({@code <} from Asterisk, {@code >} to it) and the bytes as a Python bytes literal. The simulated
 * Asterisk sends what these hold, byte for byte.
 */
public record AsteriskTranscript(List<Line> lines) {

    /** One line of the wire. */
    public record Line(boolean fromAsterisk, String text) {}

    public static AsteriskTranscript load(String resource) {
        try (InputStream in = AsteriskTranscript.class.getResourceAsStream("/asterisk/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + resource);
            }
            List<Line> lines = new ArrayList<>();
            for (String row : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (row.startsWith("#") || row.isBlank()) {
                    continue;
                }
                String[] parts = row.strip().split(" ", 3);
                if (parts.length == 3 && (parts[1].equals("<") || parts[1].equals(">"))) {
                    lines.add(new Line(parts[1].equals("<"), unquote(parts[2])));
                }
            }
            return new AsteriskTranscript(List.copyOf(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The AGI environment block Asterisk sent first, each line with its {@code \n}, the blank line included. */
    public List<String> environment() {
        List<String> env = new ArrayList<>();
        for (Line line : lines) {
            if (!line.fromAsterisk()) {
                break;
            }
            env.add(line.text());
        }
        return env;
    }

    /** The first line from Asterisk that starts with {@code prefix}. */
    public String reply(String prefix) {
        return lines.stream().filter(l -> l.fromAsterisk() && l.text().startsWith(prefix)).map(Line::text)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no line starting " + prefix));
    }

    /** Python's {@code b'…'} literal back to its text (the escapes Python prints for ASCII). */
    static String unquote(String literal) {
        String body = literal.substring(2, literal.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'x' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
