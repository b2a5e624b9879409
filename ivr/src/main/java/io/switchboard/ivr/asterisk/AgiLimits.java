package io.switchboard.ivr.asterisk;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds a FastAGI session's input stays within, whatever Asterisk (or anything else reaching the port) sends.
 *
 * @param maxLineLength   the longest line, in bytes; a longer one ends the session
 * @param maxLinesPerTurn lines accepted between two commands of ours (the environment block, or one reply with its
 *                        usage text); more end the session
 * @param readTimeout     the longest silence of the socket while a command runs; a prompt or a recording may take
 *                        minutes, so it is long
 * @param maxSessions     sessions at once; another connection is closed at once (Asterisk's {@code AGISTATUS}
 *                        becomes {@code FAILURE} and its dialplan goes on)
 */
public record AgiLimits(int maxLineLength, int maxLinesPerTurn, Duration readTimeout, int maxSessions) {

    /** 8 KiB lines, 256 lines per turn, a 1 h read timeout, 10,000 sessions. */
    public static final AgiLimits DEFAULT = new AgiLimits(8192, 256, Duration.ofHours(1), 10_000);

    public AgiLimits {
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (maxLineLength < 64 || maxLinesPerTurn < 40 || maxSessions < 1 || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("AGI limits too small: lines of " + maxLineLength + " bytes, "
                    + maxLinesPerTurn + " lines per turn, " + maxSessions + " sessions, read timeout " + readTimeout);
        }
    }
}
