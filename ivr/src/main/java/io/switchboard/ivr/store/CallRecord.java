package io.switchboard.ivr.store;

import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A call as stored: who called, which flow version ran it, when it was answered and ended, and the path it took.
 *
 * <p>The hang-up cause and party are kept as the stored codes ({@code media-timeout}, {@code caller}), so a code
 * written by a newer node still reads; {@link #cause()} gives the typed cause when this build knows it.
 *
 * @param id          the call's id
 * @param caller      the caller's number or SIP user part (empty when withheld)
 * @param dialed      the number dialed
 * @param flowId      the flow that ran the call
 * @param flowVersion the version of that flow, pinned for the call's life
 * @param node        the call-control node that carried the call
 * @param startedAt   when the call arrived
 * @param answeredAt  when it was answered; null when it never was
 * @param endedAt     when it ended; null while it is up
 * @param hangupCause why it ended ({@link #causeCode(HangupCause)}); null while it is up
 * @param hungUpBy    which side ended it, {@code caller} or {@code system}; null while it is up
 * @param path        what happened, in order
 * @param recordings  what the caller recorded (voicemail, survey comments), in order
 * @param surveys     the caller's survey answers, in order
 */
public record CallRecord(
        String id,
        String caller,
        String dialed,
        String flowId,
        int flowVersion,
        String node,
        Instant startedAt,
        Instant answeredAt,
        Instant endedAt,
        String hangupCause,
        String hungUpBy,
        List<PathEntry> path,
        List<CallRecordingEntry> recordings,
        List<SurveyAnswer> surveys) {

    public CallRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(dialed, "dialed");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(startedAt, "startedAt");
        path = List.copyOf(path);
        recordings = List.copyOf(recordings);
        surveys = List.copyOf(surveys);
    }

    /** A call that left no recordings and no survey answers. */
    public CallRecord(String id, String caller, String dialed, String flowId, int flowVersion, String node,
            Instant startedAt, Instant answeredAt, Instant endedAt, String hangupCause, String hungUpBy,
            List<PathEntry> path) {
        this(id, caller, dialed, flowId, flowVersion, node, startedAt, answeredAt, endedAt, hangupCause, hungUpBy,
                path, List.of(), List.of());
    }

    /** Whether the call has ended (its end is recorded). */
    public boolean hasEnded() {
        return endedAt != null;
    }

    /** The typed hang-up cause, when the call has ended and this build knows the stored code. */
    public Optional<HangupCause> cause() {
        if (hangupCause == null) {
            return Optional.empty();
        }
        for (HangupCause cause : HangupCause.values()) {
            if (causeCode(cause).equals(hangupCause)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    /** The stored code of a hang-up cause: its name in lower case with dashes ({@code media-timeout}). */
    public static String causeCode(HangupCause cause) {
        return cause.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The stored code of the side that hung up: {@code caller} or {@code system}. */
    public static String partyCode(CallEnd.Party party) {
        return party.name().toLowerCase(Locale.ROOT);
    }
}
