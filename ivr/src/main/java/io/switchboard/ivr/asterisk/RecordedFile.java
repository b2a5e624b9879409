package io.switchboard.ivr.asterisk;

import io.switchboard.callflow.engine.RecordOutcome;
import java.time.Duration;
import org.asteriskjava.fastagi.reply.AgiReply;

/**
 * What Asterisk's answer to {@code RECORD FILE} says: {@code 200 result=<key> (dtmf) endpos=<samples>},
 * {@code 200 result=0 (timeout) endpos=…} (silence or the maximum length), {@code 200 result=-1 (hangup) endpos=…},
 * or a failure ({@code (writefile)}, {@code (randomerror)}, {@code result=-1} alone).
 *
 * @param ending how it ended
 * @param length the audio kept (the end position at 8,000 samples a second)
 * @param key    the finish key, or 0
 */
record RecordedFile(RecordOutcome.Ending ending, Duration length, char key) {

    private static final int SAMPLES_PER_MS = 8;
    private static final Duration MAX_LENGTH_SLACK = Duration.ofSeconds(1);

    static RecordedFile of(AgiReply reply, Duration maxLength) {
        String extra = reply.getExtra() == null ? "" : reply.getExtra();
        Duration length = Duration.ofMillis(endpos(reply) / SAMPLES_PER_MS);
        int result = reply.getResultCode();
        return switch (extra) {
            case "dtmf" -> result > 0 ? new RecordedFile(RecordOutcome.Ending.FINISH_KEY, length, (char) result)
                    : new RecordedFile(RecordOutcome.Ending.FAILED, Duration.ZERO, (char) 0);
            case "timeout" -> new RecordedFile(length.plus(MAX_LENGTH_SLACK).compareTo(maxLength) >= 0
                    ? RecordOutcome.Ending.MAX_LENGTH : RecordOutcome.Ending.SILENCE, length, (char) 0);
            case "hangup" -> new RecordedFile(RecordOutcome.Ending.HUNG_UP, length, (char) 0);
            default -> new RecordedFile(RecordOutcome.Ending.FAILED, Duration.ZERO, (char) 0);
        };
    }

    private static long endpos(AgiReply reply) {
        String endpos = reply.getAttribute("endpos");
        try {
            return endpos == null ? 0 : Math.max(0, Long.parseLong(endpos));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
