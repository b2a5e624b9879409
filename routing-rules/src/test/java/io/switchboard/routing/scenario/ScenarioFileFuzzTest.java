package io.switchboard.routing.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.testing.Fuzz;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule test files from anyone: whatever the bytes, the file is read or refused with a {@link ScenarioException}. */
class ScenarioFileFuzzTest {

    @TempDir
    Path dir;

    @Test
    void anyInputIsReadOrRefusedWithAScenarioException() {
        Fuzz.check("rule test files", random -> Fuzz.mutate(random, ScenarioFileTest.GOOD), Fuzz::describe, bytes -> {
            Path file = dir.resolve("fuzz.yaml");
            Files.write(file, bytes);
            try {
                ScenarioFile.read(file);
            } catch (ScenarioException expected) {
                assertThat(expected.getMessage()).startsWith(file.toString());
            }
        });
    }
}
