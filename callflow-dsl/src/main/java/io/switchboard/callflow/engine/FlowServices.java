package io.switchboard.callflow.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a flow asks of the platform beyond the call itself: queueing for an agent, transferring, looking data up,
 * handing the call's context to a ticket or chat service. The flow engine
 * owns this interface; the IVR controller implements it (the ACD and Drools routing arrive with their own issue),
 * flow tests mock it. Every method returns promptly once the caller hangs up.
 */
public interface FlowServices {

    /** Puts the caller in a queue and waits (hold audio, announcements) until the wait ends one way or another. */
    QueueResult queue(QueueRequest request, CallControl call);

    /** Hands the call to {@code destination} (a number, an agent id or a SIP URI). */
    TransferResult transfer(String destination, CallControl call);

    /**
     * Asks a named data connector (a CRM, a billing system) for data; may block, and the flow bounds the wait.
     *
     * @param arguments name → value (already evaluated)
     */
    LookupResult lookup(String connector, Map<String, String> arguments);

    /**
     * Hands the call's context to the support team's ticket or chat service ({@code target}); the platform
     * guarantees delivery once this returns {@link HandoffResult.Accepted} (an outbox, retried while the service is
     * down).
     */
    HandoffResult handoff(String target, Map<String, String> context);

    /**
     * Books a call back: the platform calls {@code request.number()} when the caller's turn in the queue comes (their
     * place kept), or at the time asked for. Platforms without callbacks refuse.
     */
    default CallbackResult callback(CallbackRequest request) {
        return new CallbackResult.Failed("no callbacks on this server");
    }

    /**
     * A call back to book.
     *
     * @param queue    the queue the caller was waiting for (or would wait for)
     * @param number   the number to call
     * @param skills   skill → minimum level the agent needs
     * @param priority higher is served first (0-100)
     * @param at       when to call, or null to keep the caller's place in line
     */
    record CallbackRequest(String queue, String number, Map<String, Integer> skills, int priority,
            java.time.Instant at) {
        public CallbackRequest {
            skills = Map.copyOf(skills);
        }
    }

    /** Whether a call back was booked. */
    sealed interface CallbackResult {
        /** Booked; {@code reference} identifies it. */
        record Scheduled(String reference) implements CallbackResult {}

        /** Not booked (no callbacks here, the queue does not take them, the time is not possible). */
        record Failed(String reason) implements CallbackResult {}
    }

    /** Whether a hand-off was taken in. */
    sealed interface HandoffResult {
        /** Stored for delivery; {@code reference} identifies it (a ticket or outbox id). */
        record Accepted(String reference) implements HandoffResult {}

        /** Not taken: no such target, or nothing to deliver it with. */
        record Failed(String reason) implements HandoffResult {}
    }

    /** What a lookup found. */
    sealed interface LookupResult {
        /** Results by name; the flow reads them as {@code <into>.<name>}. */
        record Found(Map<String, String> values) implements LookupResult {
            public Found {
                values = Map.copyOf(values);
            }
        }

        /** The connector answered that there is nothing. */
        record NotFound() implements LookupResult {}

        /** The connector failed or does not exist. */
        record Failed(String reason) implements LookupResult {}
    }

    /**
     * A caller waiting for a queue.
     *
     * @param queue     the queue's name
     * @param skills    skill → minimum level (1-10) the agent needs
     * @param priority  higher is served first (0-100)
     * @param maxWait   the longest wait before the timeout outcome
     * @param exitKeys  keys that leave the queue
     * @param holdAudio prompts played while waiting (looped)
     * @param announce  how often the position and expected wait are announced, or zero for never
     * @param callback  when and how a call back is offered while waiting, or null for never
     */
    record QueueRequest(String queue, Map<String, Integer> skills, int priority, Duration maxWait,
            Set<Character> exitKeys, List<PromptRef> holdAudio, Duration announce, CallbackOffer callback) {
        public QueueRequest {
            skills = Map.copyOf(skills);
            exitKeys = Set.copyOf(exitKeys);
            holdAudio = List.copyOf(holdAudio);
        }

        public QueueRequest(String queue, Map<String, Integer> skills, int priority, Duration maxWait,
                Set<Character> exitKeys, List<PromptRef> holdAudio, Duration announce) {
            this(queue, skills, priority, maxWait, exitKeys, holdAudio, announce, null);
        }
    }

    /**
     * A call back offered to a waiting caller once the expected wait is long: the prompt plays (and again every
     * {@code every}), and {@code key} takes it; the wait then ends with {@link QueueResult.CallbackChosen}.
     *
     * @param whenWaitOver offer it when the expected wait is longer than this (zero: always)
     * @param every        how often it is offered again
     */
    record CallbackOffer(Duration whenWaitOver, Duration every, char key, List<PromptRef> prompt) {
        public CallbackOffer {
            prompt = List.copyOf(prompt);
        }
    }

    /** How a wait in a queue ended. */
    sealed interface QueueResult {
        /** An agent took the call and it is over (the caller and agent have hung up or the agent released it). */
        record Connected(String agent) implements QueueResult {}

        /** The maximum wait passed. */
        record TimedOut() implements QueueResult {}

        /** The caller pressed an exit key. */
        record ExitKey(char key) implements QueueResult {}

        /** The caller chose to be called back, keeping their place. */
        record CallbackChosen() implements QueueResult {}

        /** The caller hung up while waiting. */
        record HungUp() implements QueueResult {}

        /** No queueing here (no ACD configured, queue unknown). */
        record Unavailable(String reason) implements QueueResult {}
    }

    /** How a transfer ended. */
    sealed interface TransferResult {
        record Transferred() implements TransferResult {}

        record Failed(String reason) implements TransferResult {}

        record HungUp() implements TransferResult {}
    }

    /** A platform with no queues and no transfers: every request is unavailable, so flows take their fallback. */
    FlowServices UNAVAILABLE = new FlowServices() {
        @Override
        public QueueResult queue(QueueRequest request, CallControl call) {
            return new QueueResult.Unavailable("no queues on this server");
        }

        @Override
        public TransferResult transfer(String destination, CallControl call) {
            return new TransferResult.Failed("no transfers on this server");
        }

        @Override
        public LookupResult lookup(String connector, Map<String, String> arguments) {
            return new LookupResult.Failed("no data connectors on this server");
        }

        @Override
        public HandoffResult handoff(String target, Map<String, String> context) {
            return new HandoffResult.Failed("no hand-off routes on this server");
        }
    };
}
