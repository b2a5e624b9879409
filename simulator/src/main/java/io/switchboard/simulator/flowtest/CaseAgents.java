package io.switchboard.simulator.flowtest;

import io.switchboard.callflow.flowtest.FlowTestCase;
import io.switchboard.simulator.SimulatedAgent;
import io.switchboard.simulator.SimulatedAgents;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agents {@code flow test --server … --agents …} brings: simulated phones that register with the server, dial
 * {@code *51} to become available, answer an offered call after half a second, say the {@code agent-greeting} prompt
 * for a while and hang up, so the caller goes on with the flow's {@code connected} branch. A case that reaches an
 * agent waits for one of them to be free of the command's other cases (the server's wrap-up still applies).
 */
final class CaseAgents implements AutoCloseable {

    private static final Pattern HOST_PORT = Pattern.compile("sip:(?:[^@;]+@)?([^;>]+)");
    private static final Duration ANSWER_AFTER = Duration.ofMillis(500);
    private static final String VOICE = "agent-greeting";

    private final SimulatedAgents phones;
    private final Semaphore free;
    private final List<String> notAvailable;

    private CaseAgents(SimulatedAgents phones, int count, List<String> notAvailable) {
        this.phones = phones;
        this.free = new Semaphore(count, true);
        this.notAvailable = List.copyOf(notAvailable);
    }

    static CaseAgents start(String serverUri, ServerConditions conditions, PromptLibrary prompts) throws IOException {
        Matcher m = HOST_PORT.matcher(serverUri);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a SIP URI: " + serverUri);
        }
        Prompt voice = prompts.find(VOICE, "en").orElseThrow(() -> new IOException("the prompt library has no '"
                + VOICE + "' prompt for the agents' voice"));
        SimulatedAgents phones = new SimulatedAgents(PromptLibrary.of(List.of(voice)), SimulatedAgents.Options
                .to(m.group(1)).withTiming(ANSWER_AFTER, conditions.agentTalk(), Duration.ZERO).withVoice(voice));
        List<SimulatedAgent> all = new ArrayList<>();
        for (String id : conditions.agents()) {
            all.add(phones.add(id, conditions.agentPassword()));
        }
        return new CaseAgents(phones, conditions.agents().size(), phones.logIn(all, "*51"));
    }

    /** The agents the server did not let log in, with why. */
    List<String> notAvailable() {
        return notAvailable;
    }

    /** Runs a call that reaches an agent once one of the agents is free of the other cases' calls. */
    SipCaseResult withAgent(Supplier<SipCaseResult> call) {
        free.acquireUninterruptibly();
        try {
            return call.get();
        } finally {
            free.release();
        }
    }

    /**
     * What the caller of {@code c} may hear that is not part of its script: while waiting for an agent, hold audio,
     * position and wait announcements (a queue's, told by the server's load), and the agent's voice. The case is held
     * to the prompts its script names, in order; the library's others are passed over.
     */
    Set<String> unscripted(FlowTestCase c, Set<String> library) {
        Set<String> out = new HashSet<>(library);
        c.script().stream().filter(FlowTestCase.Expect.class::isInstance).map(FlowTestCase.Expect.class::cast)
                .forEach(e -> e.prompts().forEach(out::remove));
        return out;
    }

    @Override
    public void close() {
        phones.close();
    }
}
