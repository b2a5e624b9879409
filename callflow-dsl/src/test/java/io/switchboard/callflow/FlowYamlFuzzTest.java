package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.flowtest.FlowTestFile;
import io.switchboard.speech.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow files and flow test files come from designers and, through the API, from any client with the designer role:
 * whatever they hold, compiling gives a flow or diagnostics that point inside the text, never an exception, a hang or
 * a diagnostic about another file. Seeds are the sample hotline and its tests, mutated by YAML-shaped edits and raw
 * byte damage ({@link Fuzz}: {@code -Dfuzz.cases=100000} for the on-demand run).
 */
class FlowYamlFuzzTest {

    private static final Path FLOWS = Path.of("..", "flows").toAbsolutePath().normalize();
    private static final String YAML_ALPHABET = "{}[]:,-&*!|>'\"#%@`?$ \n\t\r\\ab1~=.";

    @TempDir
    Path dir;

    /** A YAML-shaped mutation: characters that mean something to YAML inserted, deleted or replaced. */
    private static String mutateText(Random random, String seed) {
        if (random.nextInt(4) == 0) {
            return new String(Fuzz.mutate(random, seed), StandardCharsets.UTF_8);
        }
        StringBuilder doc = new StringBuilder(seed);
        for (int e = 0, edits = 1 + random.nextInt(8); e < edits && !doc.isEmpty(); e++) {
            int at = random.nextInt(doc.length());
            char c = YAML_ALPHABET.charAt(random.nextInt(YAML_ALPHABET.length()));
            switch (random.nextInt(4)) {
                case 0 -> doc.insert(at, c);
                case 1 -> doc.deleteCharAt(at);
                case 2 -> doc.setCharAt(at, c);
                default -> { // move a line elsewhere: keys land in the wrong mapping
                    int start = doc.lastIndexOf("\n", at) + 1;
                    int end = doc.indexOf("\n", at);
                    String line = doc.substring(start, end < 0 ? doc.length() : end + 1);
                    doc.delete(start, end < 0 ? doc.length() : end + 1);
                    doc.insert(doc.isEmpty() ? 0 : random.nextInt(doc.length()), line);
                }
            }
        }
        return doc.toString();
    }

    @Test
    void aMutatedFlowPublishedThroughTheApiCompilesOrGetsDiagnosticsInsideItsOwnText() throws Exception {
        String hotline = Files.readString(FLOWS.resolve("hotline.yaml"));
        Fuzz.check("flow-yaml", random -> mutateText(random, hotline), text -> "\n" + text, text -> {
            try {
                FlowCompiler.compile("fuzz.yaml", text, FLOWS);
            } catch (FlowCompileException e) {
                assertThat(e.diagnostics()).isNotEmpty().allSatisfy(d -> {
                    assertThat(d.file()).isEqualTo("fuzz.yaml");
                    assertThat(d.line()).isPositive();
                    assertThat(d.column()).isPositive();
                    assertThat(d.message()).doesNotContain("internal error");
                });
            }
        });
    }

    @Test
    void aMutatedFlowTestFileReadsOrGetsDiagnostics() throws Exception {
        String tests = Files.readString(FLOWS.resolve("tests/hotline.yaml"));
        Path file = dir.resolve("tests.yaml");
        Fuzz.check("flow-test-yaml", random -> mutateText(random, tests), text -> "\n" + text, text -> {
            Files.writeString(file, text);
            try {
                FlowTestFile.read(file);
            } catch (FlowCompileException e) {
                assertThat(e.diagnostics()).isNotEmpty().allSatisfy(d -> assertThat(d.line()).isPositive());
            }
        });
    }
}
