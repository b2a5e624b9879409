package io.switchboard.callflow.queue;

import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.parse.Fields;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the ACD runs one queue, as {@code queues.yaml} sets it; every setting has a default, so {@code sales: {}} is a
 * working queue. A flow's queue step keeps what belongs to one caller (priority, skills, exit keys, the callback
 * offer) and may override {@code max-wait}, {@code hold} and the announcement interval.
 * <pre>
 * support:
 *   hold: [please-hold]          # looped while waiting (default [please-hold])
 *   announce:                    # position and estimated wait, read with digit prompts
 *     position: yes              # default yes
 *     wait: yes                  # default yes
 *     first-after: 30s           # default 30s
 *     every: 60s                 # default 60s
 *   max-wait: 10m                # default 10m
 *   max-length: 200              # callers waiting at most (default 1000)
 *   join-when-empty: yes         # may a caller join while the queue is empty? (default yes)
 *   leave-when-empty: no         # do waiting callers leave once it is empty? (default no)
 *   empty: no-agents-logged-in   # or no-agents-available: what "empty" means (default no-agents-logged-in)
 *   ring-timeout: 15s            # an agent's phone rings this long (default 15s)
 *   wrap-up: 10s                 # after-call work (default 10s)
 *   callback: {retry-delay: 2m, max-attempts: 3}
 * </pre>
 */
public record QueueSettings(List<PromptRef> hold, Announcements announce, Duration maxWait, int maxLength,
        boolean joinWhenEmpty, boolean leaveWhenEmpty, Empty empty, Duration ringTimeout, Duration wrapUp,
        CallbackPolicy callback) {

    /** The most callers one queue may hold. */
    public static final int MAX_LENGTH = 100_000;

    /** Every setting at its default. */
    public static final QueueSettings DEFAULTS = new QueueSettings(List.of(new PromptRef("please-hold")),
            new Announcements(true, true, Duration.ofSeconds(30), Duration.ofSeconds(60)), Duration.ofMinutes(10),
            1000, true, false, Empty.NO_AGENTS_LOGGED_IN, Duration.ofSeconds(15), Duration.ofSeconds(10),
            new CallbackPolicy(Duration.ofMinutes(2), 3));

    public QueueSettings {
        hold = List.copyOf(hold);
        Objects.requireNonNull(announce, "announce");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(empty, "empty");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(wrapUp, "wrapUp");
        Objects.requireNonNull(callback, "callback");
    }

    /**
     * Announcements of the caller's position and estimated wait.
     *
     * @param firstAfter the first one comes after this long in the queue
     * @param every      then again this often; zero: only once
     */
    public record Announcements(boolean position, boolean waitTime, Duration firstAfter, Duration every) {
        public boolean any() {
            return position || waitTime;
        }
    }

    /** When a queue counts as empty, for joining and leaving. */
    public enum Empty {
        /** No agent serving it is logged in. */
        NO_AGENTS_LOGGED_IN,
        /** No agent serving it is available to take a call now. */
        NO_AGENTS_AVAILABLE
    }

    /** Call backs of this queue: a customer not reached is tried again after {@code retryDelay}, at most so often. */
    public record CallbackPolicy(Duration retryDelay, int maxAttempts) {}

    /** Reads the settings written in one queue's mapping; the caller reports unknown keys. */
    static QueueSettings read(Fields f, String what) {
        QueueSettings d = DEFAULTS;
        List<PromptRef> hold = f.node("hold").isPresent() ? f.prompts("hold") : d.hold();
        Announcements announce = f.node("announce").map(n -> announcements(Fields.of(n, what + " announce",
                f.problems()))).orElse(d.announce());
        Duration maxWait = f.duration("max-wait").orElse(d.maxWait());
        int maxLength = f.integer("max-length", 1, MAX_LENGTH).orElse(d.maxLength());
        boolean join = f.bool("join-when-empty").orElse(d.joinWhenEmpty());
        boolean leave = f.bool("leave-when-empty").orElse(d.leaveWhenEmpty());
        Empty empty = f.optionalString("empty").map(v -> switch (v) {
            case "no-agents-logged-in" -> Empty.NO_AGENTS_LOGGED_IN;
            case "no-agents-available" -> Empty.NO_AGENTS_AVAILABLE;
            default -> {
                f.problems().error(f.node("empty").orElseThrow(), what + ": 'empty' must be no-agents-logged-in or"
                        + " no-agents-available, got '" + v + "'", "");
                yield d.empty();
            }
        }).orElse(d.empty());
        Duration ring = f.duration("ring-timeout").orElse(d.ringTimeout());
        Duration wrapUp = f.node("wrap-up").map(n -> n instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s
                && s.getValue().strip().equals("0") ? Duration.ZERO : f.duration("wrap-up").orElse(d.wrapUp()))
                .orElse(d.wrapUp());
        CallbackPolicy callback = f.node("callback").map(n -> {
            Fields c = Fields.of(n, what + " callback", f.problems());
            CallbackPolicy policy = new CallbackPolicy(c.duration("retry-delay").orElse(d.callback().retryDelay()),
                    c.integer("max-attempts", 1, 20).orElse(d.callback().maxAttempts()));
            c.rejectUnknown();
            return policy;
        }).orElse(d.callback());
        return new QueueSettings(hold, announce, maxWait, maxLength, join, leave, empty, ring, wrapUp, callback);
    }

    private static Announcements announcements(Fields a) {
        Announcements d = DEFAULTS.announce();
        boolean position = a.bool("position").orElse(d.position());
        boolean wait = a.bool("wait").orElse(d.waitTime());
        Duration first = a.duration("first-after").orElse(d.firstAfter());
        Duration every = a.node("every").isPresent() && a.optionalString("every").filter("0"::equals).isPresent()
                ? Duration.ZERO : a.duration("every").orElse(d.every());
        a.rejectUnknown();
        return new Announcements(position, wait, first, every);
    }
}
