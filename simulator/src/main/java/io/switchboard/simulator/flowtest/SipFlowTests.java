package io.switchboard.simulator.flowtest;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.flowtest.FlowTestCase;
import io.switchboard.callflow.flowtest.WrittenKeys;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs flow test cases as real SIP calls to a server, several at once: each case is a call from its {@code caller}
 * to its {@code dialed} number (when it writes one; else the number in the server's URI), followed by a
 * {@link ScriptFollower} and judged by {@link CaseJudge}. Cases that only make sense offline are not dialed.
 */
final class SipFlowTests implements AutoCloseable {

    private static final Pattern SIP_URI = Pattern.compile("sip:(?:([^@;]+)@)?([^@]+)");
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

    /**
     * @param server      the URI to call, e.g. {@code sip:100@127.0.0.1:5060}
     * @param timeLimit   the longest one case's call may take
     * @param keysViaInfo send keys by SIP INFO instead of RFC 4733 events
     * @param parallel    how many calls run at once
     */
    record Settings(String server, Duration timeLimit, boolean keysViaInfo, int parallel, ServerConditions conditions) {

        Settings(String server, Duration timeLimit, boolean keysViaInfo, int parallel) {
            this(server, timeLimit, keysViaInfo, parallel, ServerConditions.NONE);
        }

        Settings {
            if (!SIP_URI.matcher(server).matches()) {
                throw new IllegalArgumentException("--server takes a SIP URI like sip:100@127.0.0.1:5060, got '"
                        + server + "'");
            }
            if (timeLimit.isZero() || timeLimit.isNegative()) {
                throw new IllegalArgumentException("--time-limit must be more than 0");
            }
            if (parallel < 1) {
                throw new IllegalArgumentException("--parallel must be 1 or more, got " + parallel);
            }
        }
    }

    private final Settings settings;
    private final Set<String> promptNames;
    private final SimulatedCaller caller;
    private final ExecutorService calls;
    private final CaseAgents agents;

    SipFlowTests(Settings settings, PromptLibrary prompts) throws IOException {
        this.settings = settings;
        this.promptNames = prompts.all().stream().map(Prompt::name).collect(Collectors.toUnmodifiableSet());
        this.caller = new SimulatedCaller(prompts, SimulatedCaller.Options.defaults());
        this.calls = Executors.newFixedThreadPool(settings.parallel(), Thread.ofVirtual().name("flow-test-call-", 0)
                .factory());
        this.agents = settings.conditions().bringsAgents() ? CaseAgents.start(settings.server(),
                settings.conditions(), prompts) : null;
    }

    /** The agents that could not log in (with why); empty without agents. */
    java.util.List<String> agentsNotAvailable() {
        return agents == null ? java.util.List.of() : agents.notAvailable();
    }

    /** Starts the case's call (or decides it is not applicable); the result comes when the call is over. */
    Future<SipCaseResult> submit(FlowTestCase testCase, WrittenKeys written, CompiledFlow flow) {
        return calls.submit(() -> run(testCase, written, flow));
    }

    private SipCaseResult run(FlowTestCase c, WrittenKeys written, CompiledFlow flow) {
        Optional<String> offline = OfflineOnly.reason(c, written, flow, settings.conditions());
        if (offline.isPresent()) {
            return new SipCaseResult.NotApplicable(c, offline.get());
        }
        for (FlowTestCase.Action a : c.script()) {
            if (a instanceof FlowTestCase.Expect e) {
                for (String prompt : e.prompts()) {
                    if (!promptNames.contains(prompt)) {
                        return new SipCaseResult.Failed(c, a.pos() + ": prompt '" + prompt + "' is not in the"
                                + " simulator's prompt library, so it cannot be recognised (give the server's"
                                + " prompts with --prompts DIR)");
                    }
                }
            }
        }
        if (agents != null && ServerConditions.reachesAgent(c)) {
            return agents.withAgent(() -> call(c, written, flow, agents.unscripted(c, promptNames)));
        }
        return call(c, written, flow, Set.of());
    }

    private SipCaseResult call(FlowTestCase c, WrittenKeys written, CompiledFlow flow, Set<String> unscripted) {
        String uri = target(settings.server(), c.dialed(), written.writes(c, "dialed"));
        CallSession call = null;
        try {
            call = caller.dial(uri, c.caller());
            int status = call.status(ANSWER_WAIT.compareTo(settings.timeLimit()) < 0 ? ANSWER_WAIT
                    : settings.timeLimit());
            if (status != 200) {
                call.hangup();
                return new SipCaseResult.Failed(c, c.pos() + ": " + uri + " did not answer the call from "
                        + c.caller() + ": " + (status < 0 ? "no final response" : "SIP " + status));
            }
            FollowedCall followed = new ScriptFollower(new SessionLine(call, settings.keysViaInfo(), unscripted),
                    settings.timeLimit()).follow(c);
            return CaseJudge.judge(c, followed);
        } catch (IOException | RuntimeException e) {
            if (call != null) {
                call.hangup();
            }
            return new SipCaseResult.Failed(c, c.pos() + ": the call to " + uri + " failed: " + e.getMessage());
        }
    }

    /** The URI for a case: its dialed number replaces the user part of the server's URI when it writes one. */
    static String target(String server, String dialed, boolean dialedWritten) {
        Matcher m = SIP_URI.matcher(server);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a SIP URI: " + server);
        }
        return dialedWritten || m.group(1) == null ? "sip:" + dialed + "@" + m.group(2) : server;
    }

    @Override
    public void close() {
        calls.shutdownNow();
        caller.close();
        if (agents != null) {
            agents.close();
        }
    }
}
