package io.switchboard.ivr.store;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The bytes of one {@link CallWrite} in the {@link CallSpool}: a kind byte, then its fields. Strings are
 * length-prefixed UTF-8 (a length of -1 is null), instants are epoch seconds and nanoseconds. Decoding checks every
 * length against what is left, so a damaged record fails with an {@link IOException}, never with a huge allocation.
 */
final class SpooledWrite {

    private static final byte STARTED = 1;
    private static final byte ANSWERED = 2;
    private static final byte PATH = 3;
    private static final byte ENDED = 4;
    private static final byte RECORDED = 5;
    private static final byte SURVEYED = 6;

    private SpooledWrite() {}

    static byte[] encode(CallWrite write) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            switch (write) {
                case CallWrite.Started s -> {
                    out.writeByte(STARTED);
                    string(out, s.facts().callId());
                    string(out, s.facts().caller());
                    string(out, s.facts().dialed());
                    instant(out, s.facts().started());
                    string(out, s.flowId());
                    out.writeInt(s.flowVersion());
                }
                case CallWrite.Answered a -> {
                    out.writeByte(ANSWERED);
                    string(out, a.callId());
                    instant(out, a.at());
                }
                case CallWrite.Path p -> {
                    out.writeByte(PATH);
                    string(out, p.callId());
                    out.writeInt(p.entry().seq());
                    instant(out, p.entry().at());
                    string(out, p.entry().kind().code());
                    string(out, p.entry().name());
                    string(out, p.entry().detail());
                }
                case CallWrite.Ended e -> {
                    out.writeByte(ENDED);
                    string(out, e.callId());
                    string(out, e.end().cause().name());
                    string(out, e.end().hungUpBy().name());
                    instant(out, e.end().at());
                }
                case CallWrite.Recorded r -> {
                    out.writeByte(RECORDED);
                    string(out, r.callId());
                    out.writeInt(r.recording().seq());
                    string(out, r.recording().file());
                    instant(out, r.recording().startedAt());
                    out.writeLong(r.recording().length().toMillis());
                    string(out, r.recording().endedBy());
                    string(out, r.recording().finishKey());
                }
                case CallWrite.Surveyed v -> {
                    out.writeByte(SURVEYED);
                    string(out, v.callId());
                    out.writeInt(v.answer().seq());
                    instant(out, v.answer().answeredAt());
                    out.writeInt(v.answer().rating());
                    string(out, v.answer().comment());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + write.what() + " of call " + write.callId(), e);
        }
        return bytes.toByteArray();
    }

    static CallWrite decode(byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        try {
            byte kind = in.readByte();
            CallWrite write = switch (kind) {
                case STARTED -> new CallWrite.Started(new CallFacts(string(in), string(in), string(in), instant(in)),
                        string(in), in.readInt());
                case ANSWERED -> new CallWrite.Answered(string(in), instant(in));
                case PATH -> {
                    String callId = string(in);
                    yield new CallWrite.Path(callId, new PathEntry(in.readInt(), instant(in),
                            PathEntry.Kind.ofCode(string(in)), string(in), string(in)));
                }
                case ENDED -> {
                    String callId = string(in);
                    HangupCause cause = HangupCause.valueOf(string(in));
                    CallEnd.Party party = CallEnd.Party.valueOf(string(in));
                    yield new CallWrite.Ended(callId, new CallEnd(cause, party, instant(in)));
                }
                case RECORDED -> {
                    String callId = string(in);
                    yield new CallWrite.Recorded(callId, new CallRecordingEntry(in.readInt(), string(in), instant(in),
                            Duration.ofMillis(in.readLong()), string(in), string(in)));
                }
                case SURVEYED -> {
                    String callId = string(in);
                    yield new CallWrite.Surveyed(callId, new SurveyAnswer(in.readInt(), instant(in), in.readInt(),
                            string(in)));
                }
                default -> throw new IOException("unknown spooled write kind " + kind);
            };
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes left after a spooled " + write.what());
            }
            return write;
        } catch (EOFException e) {
            throw new IOException("damaged spooled write: it ends early", e);
        } catch (RuntimeException e) {
            throw new IOException("damaged spooled write: " + e, e);
        }
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.available()) {
            throw new IOException("string of " + length + " bytes where " + in.available() + " are left");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void instant(DataOutputStream out, Instant at) throws IOException {
        out.writeLong(at.getEpochSecond());
        out.writeInt(at.getNano());
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
