package io.switchboard.callflow.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.FlowCompiler;
import io.switchboard.callflow.lint.FlowLinter;
import io.switchboard.callflow.lint.PromptCatalog;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The site's queue registry and the lint rule that holds flows to it. */
class QueueRegistryTest {

    private static final String FLOW = """
            flow: q
            start: a
            steps:
              a: {queue: {name: suport, timeout: b}}
              b: {callback: {queue: billing, failed: c}}
              c: {callback: {queue: "${queue.name}", failed: d}}
              d: {hangup: {}}
            """;

    @Test
    void theRepositorysRegistryReadsAndNamesTheSampleQueues() throws Exception {
        QueueRegistry registry = QueueRegistry.read(Path.of("../queues.yaml"));
        assertThat(registry.queues()).containsKeys("sales", "billing", "general");
        assertThat(registry.queue("sales").orElseThrow().serviceLevel()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void mistakesInTheRegistryAreReportedWhereTheyAreWritten() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> QueueRegistry.parse(
                Path.of("queues.yaml"), "queues:\n  sales: {service-level: soon}\n  bad name: {}\n"
                        + "  sales: {}\n  support: {colour: red}\n"));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactlyInAnyOrder(
                "queues.yaml:2:26: error: queue 'sales': 'service-level' is not a duration: 'soon' (hint: write a"
                        + " time like 500ms, 5s or 2m)",
                "queues.yaml:3:3: error: queue name 'bad name' may use letters, digits, '-', '_' and '.'",
                "queues.yaml:4:3: error: queues: duplicate key 'sales' (hint: each key may appear once; merge the two"
                        + " entries)",
                "queues.yaml:5:13: error: queue 'support': unknown key 'colour' (hint: known here: description,"
                        + " service-level)");
    }

    @Test
    void aQueueTheRegistryLacksIsAnErrorWithASuggestion() throws Exception {
        QueueRegistry registry = QueueRegistry.parse(Path.of("queues.yaml"),
                "queues: {support: {}, sales: {}}\n");
        assertThat(FlowLinter.lint(FlowCompiler.compile("q.yaml", FLOW), PromptCatalog.ANY, registry))
                .extracting(Object::toString).containsExactly(
                        "q.yaml:4:3: error: step 'a' names queue 'suport', which queues.yaml does not define (hint:"
                                + " did you mean 'support'?)",
                        "q.yaml:5:3: error: step 'b' names queue 'billing', which queues.yaml does not define (hint:"
                                + " queues there: sales, support)");
    }
}
