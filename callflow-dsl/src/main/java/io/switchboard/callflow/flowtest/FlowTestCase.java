package io.switchboard.callflow.flowtest;

import io.switchboard.callflow.SourcePos;
import java.util.List;

/**
 * One scripted call against a flow: who calls, what the caller does, what they must hear, and how it must end.
 *
 * @param name      what the case covers, in words
 * @param pos       where the case is written
 * @param caller    the caller's number
 * @param dialed    the dialed number
 * @param script    the caller's side, in order
 * @param outcome   the expected way the flow ends ({@code hangup}, {@code caller-hung-up}, …), or null for any
 * @param time      the moment the call arrives (business hours are judged by it)
 * @param closedNow calendars switched to "closed now" for this case
 * @param mocks     how queues and transfers go ({@code queue: timeout}, {@code transfer: ok})
 * @param lookups   connector → what it answers (values, "not-found" or "error")
 * @param requests  the queue and transfer requests the flow must make, in order ({@code queue support},
 *                  {@code transfer sip:…}); null to not check
 * @param variables variables the flow must have set, with their values as text, when the call ends
 */
public record FlowTestCase(String name, SourcePos pos, String caller, String dialed, List<Action> script,
        String outcome, java.time.Instant time, List<String> closedNow, java.util.Map<String, String> mocks,
        java.util.Map<String, Object> lookups, List<String> requests, java.util.Map<String, String> variables) {

    public FlowTestCase {
        script = List.copyOf(script);
        closedNow = List.copyOf(closedNow);
        mocks = java.util.Map.copyOf(mocks);
        lookups = java.util.Map.copyOf(lookups);
        requests = requests == null ? null : List.copyOf(requests);
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    }

    /** One line of the caller's script. */
    public sealed interface Action {
        SourcePos pos();
    }

    /** The caller hears these prompts next, in order. */
    public record Expect(SourcePos pos, List<String> prompts) implements Action {}

    /** The caller presses keys, one per wait for input (after the prompts before it). */
    public record Press(SourcePos pos, String keys) implements Action {}

    /** The caller presses keys while {@code prompt} plays (type-ahead / barge-in). */
    public record PressDuring(SourcePos pos, String prompt, String keys) implements Action {}

    /** The caller says {@code words} at the next wait for input (a menu with spoken phrases understands them). */
    public record Say(SourcePos pos, String words) implements Action {}

    /** The caller stays silent through the next wait for input. */
    public record Silence(SourcePos pos) implements Action {}

    /** The caller hangs up at the next wait for input. */
    public record HangUp(SourcePos pos) implements Action {}

    /** The caller hangs up in the middle of {@code prompt}. */
    public record HangUpDuring(SourcePos pos, String prompt) implements Action {}

    /** The caller talks for {@code length} into a recording, then falls silent ({@code speak: 12s}). */
    public record Speak(SourcePos pos, java.time.Duration length) implements Action {}
}
