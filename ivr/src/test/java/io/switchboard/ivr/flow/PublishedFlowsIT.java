package io.switchboard.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.testing.ScriptedCall;
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

/**
 * Versions, the live alias and rollback in a real PostgreSQL; hot reload from the flows directory; flows calling
 * sub-flows from flows/lib.
 */
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
        assertThat(flows.rollback("delta", 1)).isEqualTo(new PublishedFlows.Rollback.Done(1));
        assertThat(flows.forNumber("1").orElseThrow().version()).isEqualTo(1);
        assertThat(store().alias("delta", FlowVersionStore.LIVE)).contains(1);
        assertThat(flows.rollback("delta", 9)).isInstanceOf(PublishedFlows.Rollback.NoSuchVersion.class);
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

    private static String subflow(String prompt) {
        return "subflow: greet\nstart: say\nsteps:\n  say: {play: [" + prompt + "], next: out}\n  out: {return: done}\n";
    }

    private static String flow(String id) {
        return "flow: " + id + "\nimports: [lib/greet.yaml]\nstart: a\nsteps:\n  a: {call: greet, next: b}\n"
                + "  b: {hangup: {}}\n";
    }

    private static java.util.List<String> heard(PublishedFlow flow) {
        ScriptedCall call = new ScriptedCall();
        new FlowInterpreter().run(flow.flow(), call, io.switchboard.callflow.engine.FlowListener.NONE);
        return call.heard();
    }

    @Test
    void subflowFilesAreNotFlowsAndTheApiResolvesImportsInTheFlowsDirectory() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/greet.yaml"), subflow("welcome"));
        Files.writeString(dir.resolve("stray.yaml"), subflow("welcome").replace("greet", "stray"));
        Files.writeString(dir.resolve("zeta.yaml"), flow("zeta"));
        PublishedFlows flows = PublishedFlows.load(dir, Map.of(), "zeta", store());
        assertThat(flows.all()).containsKey("zeta").doesNotContainKeys("stray", "greet");
        assertThat(heard(flows.live("zeta").orElseThrow())).containsExactly("welcome");

        // as POST /api/flows/eta/versions does: the source is "eta.yaml", yet lib/ is found in the flows directory
        var outcome = flows.publish("eta.yaml", flow("eta"), "from the API", "eta");
        assertThat(outcome).isInstanceOf(PublishedFlows.Outcome.Live.class);
        assertThat(heard(flows.live("eta").orElseThrow())).containsExactly("welcome");
        assertThat(store().content("eta", 1).orElseThrow()).startsWith(flow("eta"))
                .contains(SubflowPins.MARKER, "#   lib/greet.yaml sha256:");

        var refused = flows.publish("x.yaml", flow("x").replace("lib/greet.yaml", "lib/nope.yaml"), "", "x");
        assertThat(refused).isInstanceOfSatisfying(PublishedFlows.Outcome.Refused.class, r ->
                assertThat(r.diagnostics().get(0).toString()).startsWith("x.yaml:2:11: error: import 'lib/nope.yaml':"
                        + " no such file"));
        var subflow = flows.publish("greet.yaml", subflow("goodbye"), "", null);
        assertThat(subflow).isInstanceOfSatisfying(PublishedFlows.Outcome.Refused.class, r ->
                assertThat(r.diagnostics().get(0).message()).contains("is a sub-flow"));
    }

    @Test
    void aChangedSubflowRepublishesTheFlowsThatImportItWhileACallKeepsItsPinnedVersion() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Path lib = dir.resolve("lib/greet.yaml");
        Files.writeString(lib, subflow("welcome"));
        Files.writeString(dir.resolve("theta.yaml"), flow("theta"));
        Files.writeString(dir.resolve("iota.yaml"), "flow: iota\nstart: a\nsteps:\n  a: {hangup: {}}\n");
        PublishedFlows flows = PublishedFlows.load(dir, Map.of(), "theta", store());
        PublishedFlow pinned = flows.live("theta").orElseThrow();
        BlockingQueue<PublishedFlows.Outcome> seen = new LinkedBlockingQueue<>();
        try (FlowFileWatcher watcher = new FlowFileWatcher(dir, flows, seen::add)) {
            Files.writeString(lib, subflow("goodbye"));
            assertThat(next(seen)).isInstanceOfSatisfying(PublishedFlows.Outcome.Live.class, live -> {
                assertThat(live.version().flowId()).isEqualTo("theta");
                assertThat(live.version().version()).isEqualTo(2);
                assertThat(live.created()).isTrue();
            });
            assertThat(heard(flows.live("theta").orElseThrow())).containsExactly("goodbye");
            assertThat(heard(pinned)).containsExactly("welcome");
            assertThat(flows.live("iota").orElseThrow().version()).isEqualTo(1);

            Files.writeString(lib, subflow("goodbye").replace("next: out", "next: nowhere"));
            assertThat(next(seen)).isInstanceOf(PublishedFlows.Outcome.Refused.class);
            assertThat(flows.live("theta").orElseThrow().version()).isEqualTo(2);
        }
    }

    @Test
    void aRestartKeepsAVersionPublishedThroughTheApiLive() throws Exception {
        Files.writeString(dir.resolve("kappa.yaml"), flow("kappa", "welcome"));
        PublishedFlows flows = PublishedFlows.load(dir, Map.of("200", "kappa"), "", store());
        flows.publish("kappa.yaml", "api", flow("kappa", "goodbye"), "from the API", "kappa");

        PublishedFlows restarted = PublishedFlows.load(dir, Map.of("200", "kappa"), "", store());
        assertThat(restarted.forNumber("200").orElseThrow().version()).isEqualTo(2);
        assertThat(heard(restarted.live("kappa").orElseThrow())).containsExactly("goodbye");
        assertThat(store().versions("kappa")).hasSize(2);
    }

    @Test
    void aRestartKeepsARollbackLiveWhileTheFileIsUnchanged() throws Exception {
        Path file = dir.resolve("lambda.yaml");
        Files.writeString(file, flow("lambda", "welcome"));
        PublishedFlows.load(dir, Map.of(), "", store());
        Files.writeString(file, flow("lambda", "goodbye"));
        PublishedFlows flows = PublishedFlows.load(dir, Map.of(), "", store()); // the edit is v2
        assertThat(flows.live("lambda").orElseThrow().version()).isEqualTo(2);
        assertThat(flows.rollback("lambda", 1)).isEqualTo(new PublishedFlows.Rollback.Done(1));

        PublishedFlows restarted = PublishedFlows.load(dir, Map.of(), "", store());
        assertThat(restarted.live("lambda").orElseThrow().version()).isEqualTo(1);
        assertThat(store().alias("lambda", FlowVersionStore.LIVE)).contains(1);
    }

    @Test
    void aFlowCreatedOnlyThroughTheApiIsServedAfterARestartAndNumbersMayNameIt() throws Exception {
        PublishedFlows flows = PublishedFlows.load(dir, Map.of(), "", store());
        flows.publish("mu.yaml", "api", flow("mu", "welcome"), "", "mu");

        PublishedFlows restarted = PublishedFlows.load(dir, Map.of("300", "mu"), "", store());
        assertThat(restarted.forNumber("300").orElseThrow().id()).isEqualTo("mu");
        assertThat(restarted.all()).containsKey("mu");
    }

    @Test
    void aFileChangedWhileTheServerWasDownReplacesWhatTheApiPublished() throws Exception {
        Path file = dir.resolve("nu.yaml");
        Files.writeString(file, flow("nu", "welcome"));
        PublishedFlows flows = PublishedFlows.load(dir, Map.of(), "", store());
        flows.publish("nu.yaml", "api", flow("nu", "goodbye"), "", "nu");
        Files.writeString(file, flow("nu", "main-menu"));

        PublishedFlows restarted = PublishedFlows.load(dir, Map.of(), "", store());
        assertThat(restarted.live("nu").orElseThrow().version()).isEqualTo(3);
        assertThat(heard(restarted.live("nu").orElseThrow())).containsExactly("main-menu");
    }

    @Test
    void rollingBackToAVersionWhoseSubflowIsGoneIsRefusedWithItsDiagnostics() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Path lib = dir.resolve("lib/greet.yaml");
        Files.writeString(lib, subflow("welcome"));
        Files.writeString(dir.resolve("xi.yaml"), flow("xi"));
        PublishedFlows flows = PublishedFlows.load(dir, Map.of(), "", store());
        flows.publish("xi.yaml", "api", flow("xi", "goodbye"), "no sub-flow any more", "xi");
        Files.delete(lib);

        PublishedFlows.Rollback back = flows.rollback("xi", 1);
        assertThat(back).isInstanceOfSatisfying(PublishedFlows.Rollback.Refused.class, r ->
                assertThat(r.diagnostics()).singleElement().asString()
                        .contains("import 'lib/greet.yaml': no such file"));
        assertThat(flows.live("xi").orElseThrow().version()).isEqualTo(2);
        assertThat(store().alias("xi", FlowVersionStore.LIVE)).contains(2);
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
