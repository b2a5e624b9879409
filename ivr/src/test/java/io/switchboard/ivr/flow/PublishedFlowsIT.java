package io.switchboard.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions, the live alias and rollback in a real PostgreSQL; hot reload from the flows directory. */
class PublishedFlowsIT {

    private static final TestDatabase DB = TestDatabase.create(PublishedFlowsIT.class);
    private static Database database;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        database = DB.open();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static String flow(String id, String prompt) {
        return "flow: " + id + "\nstart: a\nsteps:\n  a: {play: [" + prompt + "], next: b}\n  b: {hangup: {}}\n";
    }

    private FlowVersionStore store() {
        return new FlowVersionStore(database.dataSource(), Clock.systemUTC());
    }

    @Test
    void startUpPublishesEachFileOnceAndUnchangedTextKeepsItsVersion() throws Exception {
        Files.writeString(dir.resolve("alpha.yaml"), flow("alpha", "welcome"));
        PublishedFlows first = PublishedFlows.load(dir, Map.of("100", "alpha"), "", store());
        assertThat(first.forNumber("100").orElseThrow().version()).isEqualTo(1);
        PublishedFlows again = PublishedFlows.load(dir, Map.of("100", "alpha"), "", store());
        assertThat(again.forNumber("100").orElseThrow().version()).isEqualTo(1);
        assertThat(store().versions("alpha")).hasSize(1);
    }

    @Test
    void publishingMakesANewLiveVersionWhileAPinnedCallKeepsItsOwn() throws Exception {
        Files.writeString(dir.resolve("beta.yaml"), flow("beta", "welcome"));
        PublishedFlows flows = PublishedFlows.load(dir, Map.of(), "beta", store());
        PublishedFlow pinned = flows.forNumber("555").orElseThrow();

        var outcome = flows.publish("api", flow("beta", "goodbye"), "new greeting");
        assertThat(outcome).isInstanceOfSatisfying(PublishedFlows.Outcome.Live.class, live -> {
            assertThat(live.version().version()).isEqualTo(2);
            assertThat(live.created()).isTrue();
            assertThat(live.version().note()).isEqualTo("new greeting");
        });
        assertThat(flows.forNumber("555").orElseThrow().version()).isEqualTo(2);
        assertThat(pinned.version()).isEqualTo(1);
        assertThat(pinned.flow().step("a").orElseThrow().toString()).contains("welcome");
        assertThat(store().alias("beta", FlowVersionStore.LIVE)).contains(2);
    }

    @Test
    void aBrokenTextIsRefusedAndThePreviousVersionKeepsServing() throws Exception {
        Files.writeString(dir.resolve("gamma.yaml"), flow("gamma", "welcome"));
        PublishedFlows flows = PublishedFlows.load(dir, Map.of(), "gamma", store());
        var outcome = flows.publish("gamma.yaml", "flow: gamma\nstart: a\nsteps:\n  a: {play: [x], next: nowhere}\n",
                "oops");
        assertThat(outcome).isInstanceOfSatisfying(PublishedFlows.Outcome.Refused.class, refused ->
                assertThat(refused.diagnostics()).singleElement().asString()
                        .startsWith("gamma.yaml:4:24: error: unknown step 'nowhere'"));
        assertThat(flows.forNumber("1").orElseThrow().version()).isEqualTo(1);
        assertThat(store().versions("gamma")).hasSize(1);
    }

    @Test
    void rollbackMovesTheLiveAliasBack() throws Exception {
        Files.writeString(dir.resolve("delta.yaml"), flow("delta", "welcome"));
        PublishedFlows flows = PublishedFlows.load(dir, Map.of(), "delta", store());
        flows.publish("api", flow("delta", "goodbye"), "v2");
        assertThat(flows.rollback("delta", 1)).isTrue();
        assertThat(flows.forNumber("1").orElseThrow().version()).isEqualTo(1);
        assertThat(store().alias("delta", FlowVersionStore.LIVE)).contains(1);
        assertThat(flows.rollback("delta", 9)).isFalse();
        assertThat(store().versions("delta")).extracting(FlowVersion::version).containsExactly(1, 2);
    }

    @Test
    void aChangedFileIsPublishedAndABrokenOneRefusedWhileServing() throws Exception {
        Path file = dir.resolve("epsilon.yaml");
        Files.writeString(file, flow("epsilon", "welcome"));
        PublishedFlows flows = PublishedFlows.load(dir, Map.of(), "epsilon", store());
        BlockingQueue<PublishedFlows.Outcome> seen = new LinkedBlockingQueue<>();
        try (FlowFileWatcher watcher = new FlowFileWatcher(dir, flows, seen::add)) {
            Files.writeString(file, flow("epsilon", "goodbye"));
            assertThat(next(seen)).isInstanceOf(PublishedFlows.Outcome.Live.class);
            assertThat(flows.forNumber("1").orElseThrow().version()).isEqualTo(2);

            Files.writeString(file, "flow: epsilon\nstart: a\nsteps: [\n");
            assertThat(next(seen)).isInstanceOf(PublishedFlows.Outcome.Refused.class);
            assertThat(flows.forNumber("1").orElseThrow().version()).isEqualTo(2);
        }
    }

    private static PublishedFlows.Outcome next(BlockingQueue<PublishedFlows.Outcome> seen) throws Exception {
        PublishedFlows.Outcome o = seen.poll(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(o).as("a publish attempt after the file changed").isNotNull();
        return o;
    }

    static List<String> names(List<FlowVersion> versions) {
        return versions.stream().map(v -> v.flowId() + " v" + v.version()).toList();
    }
}
