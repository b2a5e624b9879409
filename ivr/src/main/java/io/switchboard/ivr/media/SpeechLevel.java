package io.switchboard.ivr.media;

import io.switchboard.speech.Prompt;

/** Tells speech from silence by the energy of 20 ms frames of decoded audio. */
public final class SpeechLevel {

    /**
     * The RMS level (of 16-bit linear samples) at or above which a 20 ms frame counts as speech: about -42 dBFS.
     * Speech on a phone line sits far above it (RMS in the thousands); line noise and the comfort noise phones send
     * while muted sit below it (RMS in the tens to low hundreds).
     */
    public static final double SPEECH_RMS = 250;

    /** Samples in one 20 ms frame at 8 kHz. */
    public static final int FRAME = Prompt.FRAME_SAMPLES;

    private SpeechLevel() {}

    /** Whether the frame of {@link #FRAME} samples starting at {@code from} holds speech. */
    public static boolean isSpeech(short[] samples, int from) {
        double sum = 0;
        for (int i = from; i < from + FRAME; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / FRAME) >= SPEECH_RMS;
    }
}
