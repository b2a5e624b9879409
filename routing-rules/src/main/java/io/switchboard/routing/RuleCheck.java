package io.switchboard.routing;

import io.switchboard.routing.facts.Agent;
import io.switchboard.routing.facts.AgentState;
import io.switchboard.routing.facts.WaitingCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check a compiled rule set passes before it may route: a dry run in a session of its own, where the declarations
 * must be consistent and the rules must fire without failing or looping on sample calls of every kind, at every step
 * of their wait. A rule that throws, or that keeps firing, is reported with its message.
 */
final class RuleCheck {

    /** Firings allowed for one change during the check; the shipped rules need fewer than ten. */
    static final int FIRE_LIMIT = 10_000;
    private static final String RULES = "rules";

    private RuleCheck() {}

    static List<RuleDiagnostic> check(CompiledRules rules) {
        List<RuleDiagnostic> problems = new ArrayList<>();
        RuleSession session;
        try {
            session = new RuleSession(rules, FIRE_LIMIT);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            problems.add(RuleDiagnostic.of(RULES, "the declarations (rules without conditions) failed: "
                    + describe(e)));
            return problems;
        }
        try (session) {
            Instant start = Instant.parse("2026-01-05T10:00:00Z");
            session.putAgent(new Agent("check-agent", AgentState.AVAILABLE, start, Map.of("check", 3), Set.of("en"),
                    "north", 1, Map.of("check", 1)));
            int n = 0;
            List<String> queues = new ArrayList<>(session.timeline().queues());
            queues.add("check");
            for (WaitingCall kind : samples(start, queues)) {
                // every step: wait a little longer each time until the timeline stops changing
                WaitingCall call = session.timeline().at(kind, start);
                for (int change = 0; change <= 20 && call != null; change++) {
                    WaitingCall sample = new WaitingCall("check-" + (n++), call.queue(), call.priority(),
                            call.enteredAt(), call.language(), call.segment(), call.value(), call.region(),
                            call.topic(), call.callback(), call.step(), call.steps(), call.overflowQueue());
                    try {
                        session.putCall(sample);
                        session.fire();
                        session.ask(sample.id());
                        session.removeCall(sample.id());
                        session.fire();
                    } catch (RuntimeException | StackOverflowError | LinkageError e) {
                        problems.add(RuleDiagnostic.of(RULES, "a rule failed on a sample call (" + describe(sample)
                                + "): " + describe(e)));
                        return problems;
                    }
                    Instant next = session.timeline().nextChange(call);
                    call = next == null ? null : session.timeline().at(kind, next);
                }
            }
        }
        return problems;
    }

    private static List<WaitingCall> samples(Instant start, List<String> queues) {
        List<WaitingCall> samples = new ArrayList<>();
        for (String queue : queues) {
            WaitingCall plain = WaitingCall.of("sample", queue, start);
            samples.addAll(List.of(plain,
                    plain.withTopic("check").withLanguage("en").withCustomer("vip", 100, "north").withPriority(5),
                    plain.withTopic("check").withLanguage("es").withCustomer("standard", 1, "south"),
                    plain.asCallback(true).withTopic("check")));
        }
        return samples;
    }

    private static String describe(WaitingCall call) {
        return "queue " + call.queue() + ", step " + call.step() + " of " + call.steps()
                + (call.topic() != null ? ", topic " + call.topic() : "")
                + (call.segment() != null ? ", segment " + call.segment() : "")
                + (call.callback() ? ", callback" : "");
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(oneThrowable(e));
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            text.append(": ").append(oneThrowable(cause));
        }
        return text.toString();
    }

    /** Its message, or its kind when it has none (a StackOverflowError has no message). */
    private static String oneThrowable(Throwable e) {
        return e.getMessage() != null ? RuleCompiler.oneLine(e.getMessage()) : e.getClass().getSimpleName();
    }
}
