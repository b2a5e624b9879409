package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.RecordOutcome;
import io.switchboard.callflow.engine.RecordRequest;
import io.switchboard.callflow.parse.Fields;
import io.switchboard.callflow.parse.Timers;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How a message is recorded, shared by {@code record} and a survey's {@code comment}:
 * <pre>
 * beep: true            # play the beep prompt first (default true)
 * max-length: 60s       # the longest message (default 60s, at most 10m)
 * silence-end: 3s       # this much silence ends it (default 3s)
 * finish-keys: "#"      # keys that end it (default "#"; "" for none)
 * min-length: 1s        # shorter counts as nothing recorded (default 1s)
 * </pre>
 */
public record RecordSettings(boolean beep, Duration maxLength, Duration silenceEnd, Set<Character> finishKeys,
        Duration minLength) {

    /** The longest message a flow may ask for (it is held in memory until written). */
    public static final Duration MAX_LENGTH = Duration.ofMinutes(10);

    private static final String KEYS = "0123456789*#";

    public RecordSettings {
        finishKeys = Set.copyOf(finishKeys);
    }

    /** Reads the settings from {@code f} (reporting problems at their nodes); the caller rejects unknown keys. */
    static RecordSettings read(Fields f, String what, CompileContext ctx) {
        boolean beep = f.bool("beep").orElse(true);
        Duration max = f.duration("max-length").orElse(Duration.ofSeconds(60));
        if (max.compareTo(MAX_LENGTH) > 0) {
            ctx.problems().error(f.node("max-length").orElseThrow(), what + ": 'max-length' must be at most "
                    + Timers.format(MAX_LENGTH) + ", got " + Timers.format(max), "");
        }
        Duration silence = f.duration("silence-end").orElse(Duration.ofSeconds(3));
        Duration min = f.duration("min-length").orElse(Duration.ofSeconds(1));
        if (min.compareTo(max) > 0) {
            ctx.problems().error(f.keyPos("min-length"), what + ": 'min-length' (" + Timers.format(min)
                    + ") is longer than 'max-length' (" + Timers.format(max) + ")", "");
        }
        String keys = f.optionalString("finish-keys").orElse("#");
        Set<Character> finish = new LinkedHashSet<>();
        for (char c : keys.toCharArray()) {
            if (KEYS.indexOf(c) < 0) {
                ctx.problems().error(f.node("finish-keys").orElseThrow(), what + ": 'finish-keys' must be phone keys"
                        + " (0-9, * or #), got '" + keys + "'", "quote them: finish-keys: \"#\"");
                break;
            }
            finish.add(c);
        }
        return new RecordSettings(beep, max, silence, finish, min);
    }

    /** The request for the carrier. */
    public RecordRequest request() {
        return new RecordRequest(maxLength, silenceEnd, finishKeys, beep);
    }

    /** Records on {@code call}, starting with an empty type-ahead buffer. */
    RecordOutcome record(CallControl call) {
        call.clearKeys();
        return call.record(request());
    }

    /** Whether {@code outcome} is a message to keep: audio of at least the minimum length. */
    boolean kept(RecordOutcome outcome) {
        return outcome.holds(minLength);
    }
}
