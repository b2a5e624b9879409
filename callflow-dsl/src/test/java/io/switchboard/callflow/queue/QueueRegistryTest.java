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
                        + " service-level, hold, announce, max-wait, max-length, join-when-empty, leave-when-empty,"
                        + " empty, ring-timeout, wrap-up, callback)");
    }

    @Test
    void aQueueWithNoSettingsRunsOnTheDefaults() throws Exception {
        QueueRegistry registry = QueueRegistry.parse(Path.of("queues.yaml"), "queues: {sales: {}}\n");
        assertThat(registry.queue("sales").orElseThrow().settings()).isEqualTo(QueueSettings.DEFAULTS);
        assertThat(QueueSettings.DEFAULTS.hold()).extracting(Object::toString).containsExactly("please-hold");
        assertThat(QueueSettings.DEFAULTS.ringTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void everyAcdSettingIsReadFromTheQueuesMapping() throws Exception {
        QueueRegistry registry = QueueRegistry.parse(Path.of("queues.yaml"), """
                queues:
                  support:
                    hold: [music/calm, please-hold]
                    announce: {position: no, wait: yes, first-after: 10s, every: 0}
                    max-wait: 5m
                    max-length: 20
                    join-when-empty: no
                    leave-when-empty: yes
                    empty: no-agents-available
                    ring-timeout: 12s
                    wrap-up: 0
                    callback: {retry-delay: 30s, max-attempts: 5}
                """);
        QueueSettings s = registry.queue("support").orElseThrow().settings();
        assertThat(s.hold()).extracting(Object::toString).containsExactly("music/calm", "please-hold");
        assertThat(s.announce()).isEqualTo(new QueueSettings.Announcements(false, true, Duration.ofSeconds(10),
                Duration.ZERO));
        assertThat(s.maxWait()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.maxLength()).isEqualTo(20);
        assertThat(s.joinWhenEmpty()).isFalse();
        assertThat(s.leaveWhenEmpty()).isTrue();
        assertThat(s.empty()).isEqualTo(QueueSettings.Empty.NO_AGENTS_AVAILABLE);
        assertThat(s.ringTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(s.wrapUp()).isZero();
        assertThat(s.callback()).isEqualTo(new QueueSettings.CallbackPolicy(Duration.ofSeconds(30), 5));
    }

    @Test
    void badAcdSettingsAreReportedWhereTheyAreWritten() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> QueueRegistry.parse(
                Path.of("queues.yaml"), """
                        queues:
                          a:
                            max-length: 0
                            empty: sometimes
                            announce: {often: yes}
                            callback: {max-attempts: 99}
                            join-when-empty: maybe
                        """));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactlyInAnyOrder(
                "queues.yaml:3:17: error: queue 'a': 'max-length' must be a whole number from 1 to 100000, got '0'",
                "queues.yaml:4:12: error: queue 'a': 'empty' must be no-agents-logged-in or no-agents-available,"
                        + " got 'sometimes'",
                "queues.yaml:5:16: error: queue 'a' announce: unknown key 'often' (hint: known here: position, wait,"
                        + " first-after, every)",
                "queues.yaml:6:30: error: queue 'a' callback: 'max-attempts' must be a whole number from 1 to 20,"
                        + " got '99'",
                "queues.yaml:7:22: error: queue 'a': 'join-when-empty' must be true or false, got 'maybe'");
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
