package io.switchboard.ivr.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened on a call's way through its flow, in the order it happened.
 *
 * @param seq    position within the call, from 1; assigned when the event happens, so it is the true order even
 *               when writes reach the database later (a gap means an entry was dropped, see {@link CallWriter})
 * @param at     when it happened
 * @param kind   what kind of thing it was
 * @param name   the step id, prompt name, key, flow outcome, or the agent a call was routed to
 * @param detail the step kind, prompt language, how the key arrived, or why the call was routed; may be null
 */
public record PathEntry(int seq, Instant at, Kind kind, String name, String detail) {

    public PathEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be 1 or more, got " + seq);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** The interpreter entered step {@code stepId} of kind {@code stepKind} (for example {@code menu}). */
    public static PathEntry step(int seq, Instant at, String stepId, String stepKind) {
        return new PathEntry(seq, at, Kind.STEP, stepId, stepKind);
    }

    /** The caller started hearing prompt {@code prompt} in {@code language}. */
    public static PathEntry prompt(int seq, Instant at, String prompt, String language) {
        return new PathEntry(seq, at, Kind.PROMPT, prompt, language);
    }

    /** The caller pressed {@code key}; {@code via} says how it came (for example {@code rfc4733}). */
    public static PathEntry key(int seq, Instant at, char key, String via) {
        return new PathEntry(seq, at, Kind.KEY, String.valueOf(key), via);
    }

    /**
     * The ACD offered the call to agent {@code agentId}; {@code explanation} says why (for example {@code by
     * vip-to-senior, step 2 of 3, after 25 s}).
     */
    public static PathEntry routed(int seq, Instant at, String agentId, String explanation) {
        return new PathEntry(seq, at, Kind.ROUTED, agentId, explanation);
    }

    /** The flow ended with {@code outcome} (for example {@code hangup}). */
    public static PathEntry flowEnd(int seq, Instant at, String outcome) {
        return new PathEntry(seq, at, Kind.FLOW_END, outcome, null);
    }

    /** The kinds of path entries, with the code stored in {@code call_path.kind}. */
    public enum Kind {
        STEP("step"),
        PROMPT("prompt"),
        KEY("key"),
        FLOW_END("flow-end"),
        ROUTED("routed");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The code as stored and shown by the API. */
        public String code() {
            return code;
        }

        /** The kind stored as {@code code}. */
        public static Kind ofCode(String code) {
            for (Kind kind : values()) {
                if (kind.code.equals(code)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown path entry kind '" + code + "'");
        }
    }
}
