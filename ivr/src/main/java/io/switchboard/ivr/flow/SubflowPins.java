package io.switchboard.ivr.flow;

import io.switchboard.callflow.CompiledFlow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which sub-flow files a stored flow version was compiled with. A flow's text names its sub-flows by file, so the
 * text alone does not say what a call runs: the stored text gets a trailing comment block listing each sub-flow
 * file with the SHA-256 of its content. Editing a sub-flow thus makes the importing flows' next publish a new
 * version, and a version's text records what it ran with. The block is a YAML comment, so the text still compiles.
 */
final class SubflowPins {

    static final String MARKER = "# switchboard: sub-flows compiled into this version";

    private SubflowPins() {}

    /**
     * {@code text} without an earlier pin block, plus the pins of {@code flow}'s sub-flows (none: the text as is),
     * each named relative to the flows directory {@code dir}.
     */
    static String stamp(String text, CompiledFlow flow, Path dir) {
        String own = strip(text);
        Map<String, CompiledFlow> subs = flow.subflows();
        if (subs.isEmpty()) {
            return own;
        }
        Map<String, String> pins = new TreeMap<>();
        Path flows = dir.toAbsolutePath().normalize();
        for (CompiledFlow sub : subs.values()) {
            Path file = Path.of(sub.file()).toAbsolutePath().normalize();
            pins.put((file.startsWith(flows) ? flows.relativize(file) : file).toString(), sha256(file));
        }
        StringBuilder b = new StringBuilder(own.endsWith("\n") ? own : own + "\n").append(MARKER).append('\n');
        pins.forEach((file, hash) -> b.append("#   ").append(file).append(" sha256:").append(hash).append('\n'));
        return b.toString();
    }

    /** The text a designer wrote, without the pin block. */
    static String strip(String text) {
        int at = text.indexOf("\n" + MARKER + "\n");
        return at < 0 ? text : text.substring(0, at + 1);
    }

    /** Whether {@code flow} runs {@code file} as one of its sub-flows (imports of imports too). */
    static boolean imports(CompiledFlow flow, Path file) {
        Path wanted = file.toAbsolutePath().normalize();
        return flow.subflows().values().stream()
                .anyMatch(sub -> Path.of(sub.file()).toAbsolutePath().normalize().equals(wanted));
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
