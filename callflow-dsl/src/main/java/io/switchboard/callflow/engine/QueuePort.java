package io.switchboard.callflow.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Queueing a caller for an agent: the ACD implements it; a server without one answers {@link #UNAVAILABLE}, so queue
 * steps take their fallback. Returns promptly once the caller hangs up.
 */
public interface QueuePort {

    /** Puts the caller in a queue and waits (hold audio, announcements) until the wait ends one way or another. */
    QueueResult queue(QueueRequest request, CallControl call);

    /**
     * This port with chat never offered: for a server with no chat service to hand callers to, so no caller is told
     * a link is on its way when none will be.
     */
    default QueuePort withoutChat() {
        QueuePort queues = this;
        return (request, call) -> queues.queue(request.chat() == null ? request : request.withChat(null), call);
    }

    /** No queues here. */
    QueuePort UNAVAILABLE = (request, call) -> new QueueResult.Unavailable("no queues on this server");

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
     * @param attributes what the routing rules may know of the caller (the step's {@code attributes:} evaluated:
     *                  {@code topic}, {@code segment}, {@code value}, {@code region}, …); empty when none
     * @param chat      when and how continuing in chat is offered while waiting, or null for never
     */
    record QueueRequest(String queue, Map<String, Integer> skills, int priority, Duration maxWait,
            Set<Character> exitKeys, List<PromptRef> holdAudio, Duration announce, CallbackOffer callback,
            Map<String, String> attributes, ChatOffer chat) {
        public QueueRequest {
            skills = Map.copyOf(skills);
            exitKeys = Set.copyOf(exitKeys);
            holdAudio = List.copyOf(holdAudio);
            attributes = Map.copyOf(attributes);
        }

        /** Without a chat offer (as before chat overflow existed). */
        public QueueRequest(String queue, Map<String, Integer> skills, int priority, Duration maxWait,
                Set<Character> exitKeys, List<PromptRef> holdAudio, Duration announce, CallbackOffer callback,
                Map<String, String> attributes) {
            this(queue, skills, priority, maxWait, exitKeys, holdAudio, announce, callback, attributes, null);
        }

        public QueueRequest(String queue, Map<String, Integer> skills, int priority, Duration maxWait,
                Set<Character> exitKeys, List<PromptRef> holdAudio, Duration announce, CallbackOffer callback) {
            this(queue, skills, priority, maxWait, exitKeys, holdAudio, announce, callback, Map.of(), null);
        }

        /** The same request with the caller's attributes as the flow evaluated them for this call. */
        public QueueRequest withAttributes(Map<String, String> evaluated) {
            return new QueueRequest(queue, skills, priority, maxWait, exitKeys, holdAudio, announce, callback,
                    evaluated, chat);
        }

        /** The same request offering chat as {@code offer} says (null: never). */
        public QueueRequest withChat(ChatOffer offer) {
            return new QueueRequest(queue, skills, priority, maxWait, exitKeys, holdAudio, announce, callback,
                    attributes, offer);
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

    /**
     * Continuing in chat offered to a waiting caller once the expected wait (or the wait so far) passes
     * {@code whenWaitOver}: the prompt plays (again every {@code every}), and {@code key} takes it; the caller leaves
     * the phone queue (not an abandon), a conversation is opened with their priority and wait, and the wait ends
     * with {@link QueueResult.ChatChosen}.
     */
    record ChatOffer(Duration whenWaitOver, Duration every, char key, List<PromptRef> prompt) {
        public ChatOffer {
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

        /** The caller chose to continue in chat: they left the phone queue, their conversation is being opened. */
        record ChatChosen() implements QueueResult {}

        /** The caller hung up while waiting. */
        record HungUp() implements QueueResult {}

        /** The queue holds as many callers as it may (its max-length); the caller did not join. */
        record Full() implements QueueResult {}

        /**
         * Nobody serving the queue is logged in (or available, as the queue counts it): the caller did not join, or
         * left when the last agent went.
         */
        record NoAgents() implements QueueResult {}

        /** No queueing here (no ACD configured, queue unknown). */
        record Unavailable(String reason) implements QueueResult {}
    }
}
