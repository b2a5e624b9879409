package io.switchboard.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowDirectoryTest {

    @TempDir
    Path dir;

    private void flow(String id) throws Exception {
        Files.writeString(dir.resolve(id + ".yaml"), "flow: " + id + "\nstart: a\nsteps:\n  a: {hangup: {}}\n");
    }

    @Test
    void mappedNumbersGetTheirFlowAndOthersTheDefault() throws Exception {
        flow("hotline");
        flow("sales");
        FlowDirectory flows = FlowDirectory.load(dir, Map.of("200", "sales"), "hotline");
        assertThat(flows.forNumber("200")).hasValueSatisfying(f -> assertThat(f.id()).isEqualTo("sales"));
        assertThat(flows.forNumber("999")).hasValueSatisfying(f -> assertThat(f.id()).isEqualTo("hotline"));
        assertThat(flows.forNumber("999").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void withoutADefaultAnUnknownNumberHasNoFlow() throws Exception {
        flow("hotline");
        FlowDirectory flows = FlowDirectory.load(dir, Map.of("100", "hotline"), "");
        assertThat(flows.forNumber("100")).isPresent();
        assertThat(flows.forNumber("101")).isEmpty();
    }

    @Test
    void mappingsToMissingFlowsAndEmptyDirectoriesAreReported() throws Exception {
        flow("hotline");
        FlowLoadException e = catchThrowableOfType(FlowLoadException.class,
                () -> FlowDirectory.load(dir, Map.of("100", "nope"), "gone"));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "number 100 is mapped to flow 'nope', which is not in " + dir,
                "the default flow 'gone' is not in " + dir + " (flows there: [hotline])");
        FlowLoadException missing = catchThrowableOfType(FlowLoadException.class,
                () -> FlowDirectory.load(dir.resolve("none"), Map.of(), ""));
        assertThat(missing.problems()).singleElement().asString().endsWith("does not exist");
    }

    @Test
    void twoFilesWithOneIdAreRefused() throws Exception {
        flow("hotline");
        Files.writeString(dir.resolve("copy.yaml"), "flow: hotline\nstart: a\nsteps:\n  a: {hangup: {}}\n");
        FlowLoadException e = catchThrowableOfType(FlowLoadException.class,
                () -> FlowDirectory.load(dir, Map.of(), "hotline"));
        assertThat(e.problems()).singleElement().asString().contains("flow id 'hotline' is also used");
    }

    @Test
    void subflowFilesAreNotFlows() throws Exception {
        flow("hotline");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/menu.yaml"), "subflow: menu\nstart: a\nsteps:\n  a: {return: done}\n");
        Files.writeString(dir.resolve("stray.yaml"), "subflow: stray\nstart: a\nsteps:\n  a: {return: done}\n");
        FlowDirectory flows = FlowDirectory.load(dir, Map.of(), "hotline");
        assertThat(flows.files()).extracting(f -> f.flow().id()).containsExactly("hotline");
        assertThat(flows.flow("stray")).isEmpty();
        FlowLoadException e = catchThrowableOfType(FlowLoadException.class,
                () -> FlowDirectory.load(dir, Map.of("100", "stray"), "hotline"));
        assertThat(e.getMessage()).contains("number 100 is mapped to 'stray', which is a sub-flow");
    }
}
