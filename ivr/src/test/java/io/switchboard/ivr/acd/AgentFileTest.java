package io.switchboard.ivr.acd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.FlowCompileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** agents.yaml: what it defines, and every mistake reported where it is written. */
class AgentFileTest {

    private static final Set<String> QUEUES = Set.of("support", "sales");

    private static AgentRoster parse(String text) throws FlowCompileException {
        return AgentFile.parse(Path.of("agents.yaml"), text, QUEUES, (id, pw) -> new AgentSecret(
                AgentSecret.ha1(id, AgentSecret.REALM, pw), "plain-for-test"));
    }

    @Test
    void anAgentsQueuesSkillsAndLanguagesAreRead() throws Exception {
        AgentRoster roster = parse("""
                agents:
                  "1001":
                    name: Alice Moreau
                    password: secret-1001
                    queues: {support: 1, sales: 2}
                    skills: {internet: 5, english: 4}
                    languages: [en, fr]
                  a2: {name: Bob, password: secret-bob}
                """);
        assertThat(roster.agents()).hasSize(2);
        AgentDefinition alice = roster.agents().getFirst();
        assertThat(alice.id()).isEqualTo("1001");
        assertThat(alice.queues()).containsExactly(Map.entry("support", 1), Map.entry("sales", 2));
        assertThat(alice.skills()).containsEntry("internet", 5);
        assertThat(alice.languages()).containsExactly("en", "fr");
        assertThat(alice.secret().digestHa1()).isEqualTo(AgentSecret.ha1("1001", "switchboard", "secret-1001"));
        assertThat(roster.notReadyReasons()).containsExactly("break", "lunch", "training", "missed", "meeting");
    }

    @Test
    void theNotReadyReasonsAreConfiguredAndMissedIsAlwaysAmongThem() throws Exception {
        assertThat(parse("not-ready-reasons: [coffee, coaching]\nagents: {}\n").notReadyReasons())
                .containsExactly("coffee", "coaching", "missed");
    }

    @Test
    void everyMistakeIsReportedAtItsLineAndColumnAndTheFileIsRefused() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> parse("""
                agents:
                  "1001": {name: A, password: short}
                  "10 02": {name: B, password: long-enough}
                  "1003": {name: C, password: long-enough, queues: {billing: 1}}
                  "1004": {name: D, password: long-enough, skills: {english: 9}}
                  "1005": {password: long-enough, colour: red}
                  "1001": {name: E, password: long-enough}
                """));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactlyInAnyOrder(
                "agents.yaml:2:31: error: agent '1001': the password must be 8 to 128 characters",
                "agents.yaml:3:3: error: agent id '10 02' must be 1 to 32 letters or digits",
                "agents.yaml:4:52: error: agent '1003': queue 'billing' is not in queues.yaml (hint: queues there:"
                        + " sales, support)",
                "agents.yaml:5:62: error: agent '1004': skills 'english' needs a number from 1 to 5",
                "agents.yaml:6:3: error: agent '1005': 'name' is required (hint: write name: Alice Moreau)",
                "agents.yaml:6:35: error: agent '1005': unknown key 'colour' (hint: known here: name, password,"
                        + " queues, skills, languages, region)",
                "agents.yaml:7:3: error: agents: duplicate key '1001' (hint: each key may appear once; merge the two"
                        + " entries)");
    }

    @Test
    void aFileWithoutAgentsSaysWhatToWrite() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> parse("agent: []\n"));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactlyInAnyOrder(
                "agents.yaml:1:1: error: 'agents' must map agent ids to their settings (hint: write agents:"
                        + " {\"1001\": {name: Alice, password: ..., queues: {support: 1}}})",
                "agents.yaml:1:1: error: the agents file: unknown key 'agent' (hint: known here: not-ready-reasons,"
                        + " agents)");
    }

    @Test
    void aPasswordIsKeptHashedAndChecksOnlyItself() {
        AgentSecret secret = AgentSecret.hash("1001", "correct horse");
        assertThat(secret.passwordHash()).startsWith("pbkdf2-sha256$").doesNotContain("correct horse");
        assertThat(secret.matches("correct horse")).isTrue();
        assertThat(secret.matches("correct horse!")).isFalse();
        assertThat(AgentSecret.hash("1001", "correct horse").passwordHash()).isNotEqualTo(secret.passwordHash());
        assertThat(secret.toString()).doesNotContain(secret.digestHa1());
        // RFC 2617's example: Mufasa / testrealm@host.com / Circle Of Life
        assertThat(AgentSecret.ha1("Mufasa", "testrealm@host.com", "Circle Of Life"))
                .isEqualTo("939e7578ed9e3c518a452acee763bce9");
    }

    @Test
    void skillsAtTheAskedMinimumMakeAnAgentEligible() {
        AgentDefinition a = new AgentDefinition("7", "A", new AgentSecret("x", "y"), Map.of("support", 1),
                Map.of("english", 3), List.of());
        assertThat(a.canTake("support", Map.of())).isTrue();
        assertThat(a.canTake("support", Map.of("english", 3))).isTrue();
        assertThat(a.canTake("support", Map.of("english", 4))).isFalse();
        assertThat(a.canTake("sales", Map.of())).isFalse();
    }

    @Test
    void theRepositorysAgentsFileReadsAndShipsNoAgents() throws Exception {
        AgentRoster roster = AgentFile.read(Path.of("../agents.yaml"), Set.of(), (id, pw) -> {
            throw new AssertionError("no password to hash");
        });
        assertThat(roster.agents()).isEmpty();
        assertThat(roster.notReadyReasons()).contains("missed");
    }

    @Test
    void theAsteriskSetupsSampleAgentsServeTheSampleQueues() throws Exception {
        Set<String> queues = io.switchboard.callflow.queue.QueueRegistry.read(Path.of("../queues.yaml")).queues()
                .keySet();
        AgentRoster roster = AgentFile.read(Path.of("../docker/asterisk/agents.yaml"), queues,
                (id, pw) -> new AgentSecret("x", "y"));
        assertThat(roster.agents()).extracting(AgentDefinition::id).containsExactlyInAnyOrder("1001", "1002", "1003");
        assertThat(roster.agents()).allSatisfy(a -> assertThat(queues).containsAll(a.queues().keySet()));
    }

    @Test
    void featureCodesAreReadFromTheirPropertyFormAndBadOnesAreRefused() {
        FeatureCodes codes = FeatureCodes.parse("*51=available, *55=not-ready:lunch,*59=logged-out");
        assertThat(codes.action("*55")).contains(new FeatureCodes.Action(AgentActivity.NOT_READY, "lunch"));
        assertThat(codes.action("*51")).contains(new FeatureCodes.Action(AgentActivity.AVAILABLE, null));
        assertThat(codes.action("*52")).isEmpty();
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> FeatureCodes.parse("51=available")))
                .hasMessageContaining("must be * and 1 to 6 digits");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> FeatureCodes.parse("*51=dance")))
                .hasMessageContaining("is not available, not-ready:<reason> or logged-out");
    }

    @Test
    void aQueueLogLineIsAsterisksTextAndACallerCannotForgeOne() {
        QueueEvent e = QueueEvent.of(java.time.Instant.ofEpochSecond(1_796_000_000L), "c1", "sales", "",
                "ENTERQUEUE", "", "555|1\n1796000000|x|y|z|CONNECT", 1);
        assertThat(e.toText()).isEqualTo("1796000000|c1|sales|NONE|ENTERQUEUE||555_1_1796000000_x_y_z_CONNECT|1");
        assertThat(QueueEvent.of(java.time.Instant.EPOCH, "c", "q", "a", "X", "y".repeat(300)).data(1)).hasSize(256);
    }

    @Test
    void anEmptyNameIsReportedNotThrown() {
        // found by AcdFilesFuzzTest: "name: &anchor" leaves the name empty
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> parse(
                "agents:\n  \"1001\": {name: &a, password: long-enough}\n"));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                "agents.yaml:2:3: error: agent '1001': name must be 1 to 100 characters on one line");
    }
}
