package io.switchboard.ivr.acd;

import io.switchboard.ivr.store.Transactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.FlowCompileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Agents from agents.yaml and the API in a real PostgreSQL; their states, each change with its queue-log row. */
class AgentDirectoryIT {

    @RegisterExtension
    static final AcdDatabase DB = new AcdDatabase(AgentDirectoryIT.class);

    @TempDir
    Path dir;
    private Transactions storage;
    private AgentStates states;
    private Registrations registrations;
    private AgentDirectory directory;
    private QueueLog log;

    @BeforeEach
    void wire() {
        storage = new Transactions(DB.database().dataSource(), "ACD");
        states = new AgentStates(storage, Clock.systemUTC());
        registrations = new Registrations(storage, Clock.systemUTC());
        directory = new AgentDirectory(storage, states, registrations, Clock.systemUTC(),
                () -> Set.of("support", "sales"));
        log = new QueueLog(storage);
    }

    private Path agents(String text) throws Exception {
        Path file = dir.resolve("agents.yaml");
        Files.writeString(file, text);
        return file;
    }

    /** Replaces the file at once, as an editor saving through a temporary file does. */
    private static void replace(Path file, String text) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, text);
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private List<String> events() {
        return log.read(Instant.EPOCH, Instant.now().plusSeconds(60), 100).stream()
                .map(e -> e.agent() + " " + e.event() + " " + String.join("|", e.data())).toList();
    }

    @Test
    void theFilesAgentsAreStoredHashedAndAPIAgentsSurviveAReapply() throws Exception {
        Path file = agents("agents:\n  \"1001\": {name: Alice, password: alice-secret, queues: {support: 1}}\n"
                + "  \"1002\": {name: Bob, password: bob-secret-1, queues: {sales: 1}}\n");
        directory.applyFile(file);
        directory.create("2001", new AgentInput("Carol", "carol-secret", Map.of("sales", 2), Map.of("english", 4),
                List.of("en")));
        try (var c = DB.database().dataSource().getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from acd_agent where password_hash like '%secret%'"
                        + " or digest_ha1 like '%secret%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no password is stored plain").isZero();
        }
        directory.applyFile(agents("agents:\n  \"1001\": {name: Alice M, password: alice-secret,"
                + " queues: {support: 1, sales: 3}}\n"));
        assertThat(directory.list()).extracting(AgentView::id, AgentView::name, AgentView::source).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1001", "Alice M", "file"),
                org.assertj.core.groups.Tuple.tuple("2001", "Carol", "api"));
        assertThat(directory.get("1001").orElseThrow().queues()).containsEntry("sales", 3);
        assertThat(directory.get("1001").orElseThrow().state().activity()).isEqualTo(AgentActivity.LOGGED_OUT);
    }

    @Test
    void aBrokenFileIsRefusedAndThePreviousAgentsKeepServing() throws Exception {
        Path file = agents("agents:\n  \"1001\": {name: Alice, password: alice-secret, queues: {support: 1}}\n");
        var outcomes = new LinkedBlockingQueue<AgentFileWatcher.Outcome>();
        directory.applyFile(file);
        try (AgentFileWatcher watcher = new AgentFileWatcher(file, directory, Duration.ofMillis(50), outcomes::add)) {
            replace(file, "agents:\n  \"1001\": {name: Alice, password: x}\n  \"1002\": {}\n");
            var refused = outcomes.poll(30, TimeUnit.SECONDS);
            assertThat(refused).isInstanceOfSatisfying(AgentFileWatcher.Outcome.Refused.class, r ->
                    assertThat(r.problems().getMessage()).contains("agents.yaml:2:").contains("password must be"));
            assertThat(directory.list()).extracting(AgentView::id).containsExactly("1001");
            assertThat(directory.definitions().get("1001").secret().digestHa1())
                    .isEqualTo(AgentSecret.ha1("1001", "switchboard", "alice-secret"));

            replace(file, "agents:\n  \"1002\": {name: Bob, password: bob-secret-1, queues: {sales: 1}}\n");
            var applied = outcomes.poll(30, TimeUnit.SECONDS);
            assertThat(applied).isInstanceOf(AgentFileWatcher.Outcome.Applied.class);
            assertThat(directory.list()).extracting(AgentView::id).containsExactly("1002");
        }
    }

    @Test
    void aFileWrittenAfterTheStartIsAppliedToo() throws Exception {
        Path file = dir.resolve("agents.yaml");
        Files.deleteIfExists(file);
        var outcomes = new LinkedBlockingQueue<AgentFileWatcher.Outcome>();
        try (AgentFileWatcher watcher = new AgentFileWatcher(file, directory, Duration.ofMillis(50), outcomes::add)) {
            replace(file, "agents:\n  \"1003\": {name: Dana, password: dana-secret, queues: {support: 1}}\n");
            assertThat(outcomes.poll(30, TimeUnit.SECONDS)).isInstanceOf(AgentFileWatcher.Outcome.Applied.class);
            assertThat(directory.list()).extracting(AgentView::id).contains("1003");
        }
    }

    @Test
    void badAgentsFromTheApiAreRefusedWithEveryReason() {
        AgentInputException e = catchThrowableOfType(AgentInputException.class, () -> directory.create("bad id",
                new AgentInput("", "short", Map.of("billing", 1), Map.of("english", 7), List.of())));
        assertThat(e.problems()).containsExactlyInAnyOrder("agent id must be 1 to 32 letters or digits",
                "name must be 1 to 100 characters on one line", "skill 'english' needs a proficiency from 1 to 5",
                "queue 'billing' is not in queues.yaml", "password must be 8 to 128 characters");
        directory.create("1", new AgentInput("One", "password-1", Map.of(), Map.of(), List.of()));
        assertThat(catchThrowableOfType(AgentStateException.class, () -> directory.create("1",
                new AgentInput("One", "password-1", Map.of(), Map.of(), List.of())))).hasMessageContaining("exists");
    }

    @Test
    void anAgentsRegionComesFromTheFileOrTheApiAndABadOneIsRefused() throws Exception {
        directory.applyFile(agents("agents:\n  \"1101\": {name: Ana, password: ana-secret-1, queues: {support: 1},"
                + " languages: [es], region: south}\n"));
        directory.create("2101", new AgentInput("Ben", "ben-secret-1", Map.of("sales", 1), Map.of(), List.of("en"),
                "north"));
        assertThat(directory.get("1101").orElseThrow().region()).isEqualTo("south");
        assertThat(directory.get("2101").orElseThrow().region()).isEqualTo("north");
        assertThat(directory.create("2102", new AgentInput("Cy", "cy-secret-12", Map.of(), Map.of(), List.of()))
                .region()).isEmpty();
        AgentInputException e = catchThrowableOfType(AgentInputException.class, () -> directory.create("2103",
                new AgentInput("Di", "di-secret-12", Map.of(), Map.of(), List.of(), "north/../x")));
        assertThat(e.problems()).containsExactly(
                "region must be a name like north (letters, digits, '_', '.', '-', at most 64)");
    }

    @Test
    void everyStateChangeIsLoggedInAsterisksNames() {
        directory.create("7", new AgentInput("Seven", "password-7", Map.of("support", 1), Map.of(), List.of()));
        directory.setState("7", AgentActivity.AVAILABLE, null);
        directory.setState("7", AgentActivity.NOT_READY, "lunch");
        assertThat(catchThrowableOfType(AgentInputException.class, () -> directory.setState("7",
                AgentActivity.NOT_READY, "nap"))).hasMessageContaining("reason must be one of");
        directory.setState("7", AgentActivity.AVAILABLE, null);
        assertThat(states.claim("7", "call-1", "support", "n1")).isTrue();
        assertThat(states.claim("7", "call-2", "support", "n1")).as("an agent never gets two calls").isFalse();
        assertThat(catchThrowableOfType(AgentStateException.class, () -> directory.setState("7",
                AgentActivity.LOGGED_OUT, null))).hasMessageContaining("while a call rings");
        states.answered("7", "call-1", QueueEvent.of(Instant.now(), "call-1", "support", "7", "CONNECT", 3,
                "agent-leg", 2));
        states.callEnded("7", "call-1", Duration.ofMinutes(1), QueueEvent.of(Instant.now(), "call-1", "support",
                "7", "COMPLETECALLER", 3, 40, 1));
        assertThat(states.get("7").orElseThrow().activity()).isEqualTo(AgentActivity.WRAP_UP);
        directory.setState("7", AgentActivity.AVAILABLE, null);
        directory.setState("7", AgentActivity.LOGGED_OUT, null);
        assertThat(events()).containsExactly("7 AGENTLOGIN SIP/7", "7 PAUSE lunch", "7 UNPAUSE lunch",
                "7 CONNECT 3|agent-leg|2", "7 COMPLETECALLER 3|40|1", "7 AGENTLOGOFF SIP/7|0");
    }

    @Test
    void aRegistrationCountsUntilItExpiresAndTheDigestComesFromTheHashedPassword() {
        directory.create("8", new AgentInput("Eight", "password-8", Map.of(), Map.of(), List.of()));
        AcdAgentPhones phones = new AcdAgentPhones(directory, registrations, FeatureCodes.DEFAULTS);
        assertThat(phones.digestHa1("8", "switchboard")).contains(AgentSecret.ha1("8", "switchboard", "password-8"));
        assertThat(phones.digestHa1("8", "elsewhere")).isEmpty();
        assertThat(phones.digestHa1("9", "switchboard")).isEmpty();
        phones.registered("8", "sip:8@127.0.0.1:5070", Instant.now().minusSeconds(1));
        assertThat(registrations.contact("8")).isEmpty();
        phones.registered("8", "sip:8@127.0.0.1:5070", Instant.now().plusSeconds(60));
        assertThat(registrations.contact("8")).contains("sip:8@127.0.0.1:5070");
        assertThat(phones.featureCode("8", "*51")).contains(List.of(AcdAgentPhones.DONE));
        assertThat(states.get("8").orElseThrow().activity()).isEqualTo(AgentActivity.AVAILABLE);
        assertThat(phones.featureCode("8", "*99")).isEmpty();
        phones.unregistered("8", "sip:8@127.0.0.1:5070");
        assertThat(registrations.contact("8")).isEmpty();
    }
}
