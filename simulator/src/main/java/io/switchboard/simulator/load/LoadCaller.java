package io.switchboard.simulator.load;

import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.HeardPrompt;
import io.switchboard.simulator.SimulatedCaller;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One simulated caller in a load run, behaving as a person would: answers the menus with the keys a script gives
 * for each prompt (pressed when that prompt has played to its end), waits in the queue until an agent greets them or
 * their patience runs out, takes a call back when offered if they are that kind of caller, and hangs up once the agent
 * call is over (at the survey).
 *
 * @param cues       prompt name → keys to press when it ends (e.g. language-menu → 1, welcome → 0)
 * @param patience   how long they wait in the queue before hanging up
 * @param takesCallback whether they press the callback key when offered one
 */
record LoadCaller(String uri, String number, Map<String, String> cues, Duration patience, boolean takesCallback,
        Duration mediaTimeout) {

    private static final long POLL_NANOS = 20_000_000L;

    /** Places the call and follows it to its end. */
    LoadReport.Result call(SimulatedCaller sip) {
        CallSession call;
        try {
            call = sip.dial(uri, number);
        } catch (java.io.IOException e) {
            return failed();
        }
        if (call.status(Duration.ofSeconds(30)) != 200) {
            call.hangup();
            return failed();
        }
        boolean callback = false;
        int reacted = 0;
        CallerOutcome outcome = null;
        while (outcome == null) {
            if (call.endedBy() != CallSession.EndedBy.NONE) {
                break;
            }
            List<HeardPrompt> heard = call.heard();
            long now = System.nanoTime();
            for (; reacted < heard.size() && outcome == null; reacted++) {
                HeardPrompt p = heard.get(reacted);
                if (p.name().equals(QueueJourney.AGENT_GREETING) || p.name().equals("leave-message")) {
                    continue; // judged below, from the whole journey
                }
                if (now < p.endNanos() && reacted == heard.size() - 1) {
                    break; // still playing: react once it has ended
                }
                String keys = keysFor(p.name(), callback);
                if (p.name().equals("callback-offer") && takesCallback) {
                    callback = true;
                }
                if (keys != null) {
                    call.pressKeys(keys);
                }
            }
            QueueJourney journey = journey(call);
            if (journey.connectedAt().isPresent()) {
                if (heardAny(call, "survey-intro", "survey-rating", "goodbye")) {
                    outcome = CallerOutcome.SERVED;
                }
            } else if (heardAny(call, "leave-message", "thank-you-message") && !callback) {
                outcome = CallerOutcome.NOT_SERVED;
            } else if (journey.queuedAt().isPresent() && !callback
                    && elapsed(call).compareTo(journey.queuedAt().get().plus(patience)) > 0) {
                outcome = CallerOutcome.ABANDONED;
            }
            if (outcome == null && now - Math.max(call.lastMediaNanos(), call.answeredNanos())
                    > mediaTimeout.toNanos()) {
                call.hangup();
                return new LoadReport.Result(CallerOutcome.FAILED, journey(call));
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        if (call.endedBy() == CallSession.EndedBy.NONE) {
            call.hangup();
        }
        QueueJourney journey = journey(call);
        if (outcome == null) { // the server ended the call
            outcome = journey.connectedAt().isPresent() ? CallerOutcome.SERVED
                    : callback ? CallerOutcome.CALLBACK : CallerOutcome.NOT_SERVED;
        }
        return new LoadReport.Result(outcome, journey);
    }

    private String keysFor(String prompt, boolean callbackTaken) {
        if (prompt.equals("callback-offer")) {
            return takesCallback ? "1" : null;
        }
        if (prompt.equals("callback-confirm")) {
            return callbackTaken ? "1" : null;
        }
        return cues.get(prompt);
    }

    private static Duration elapsed(CallSession call) {
        return Duration.ofNanos(System.nanoTime() - call.answeredNanos());
    }

    private static boolean heardAny(CallSession call, String... names) {
        List<String> heard = call.heardNames();
        for (String n : names) {
            if (heard.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static QueueJourney journey(CallSession call) {
        return QueueJourney.of(call.heard(), call.silenceGaps());
    }

    private static LoadReport.Result failed() {
        return new LoadReport.Result(CallerOutcome.FAILED, QueueJourney.of(List.of(), List.of()));
    }
}
