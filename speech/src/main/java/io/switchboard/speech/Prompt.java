package io.switchboard.speech;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A recorded prompt in one language, and its G.711 encoding as 20 ms frames.
 *
 * <p>Frames are encoded once per codec and shared by every call that plays the prompt: callers must never modify
 * the returned arrays (they are shared for speed, not copied).
 */
public final class Prompt {

    /** Samples in one 20 ms frame at 8 kHz. */
    public static final int FRAME_SAMPLES = 160;

    private final String name;
    private final String language;
    private final short[] pcm;
    private final Map<AudioCodec, List<byte[]>> frames = Collections.synchronizedMap(new EnumMap<>(AudioCodec.class));

    public Prompt(String name, String language, short[] pcm) {
        this.name = Objects.requireNonNull(name, "name");
        this.language = Objects.requireNonNull(language, "language");
        this.pcm = pcm.clone();
    }

    public String name() {
        return name;
    }

    public String language() {
        return language;
    }

    public int samples() {
        return pcm.length;
    }

    /** A copy of the linear samples. */
    public short[] pcm() {
        return pcm.clone();
    }

    public Duration duration() {
        return Duration.ofMillis(pcm.length * 1000L / AudioCodec.SAMPLE_RATE);
    }

    /** The prompt as 160-byte frames in {@code codec}, the last padded with silence. Shared: do not modify. */
    public List<byte[]> frames(AudioCodec codec) {
        return frames.computeIfAbsent(codec, this::encode);
    }

    private List<byte[]> encode(AudioCodec codec) {
        int count = (pcm.length + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
        List<byte[]> out = new ArrayList<>(count);
        for (int f = 0; f < count; f++) {
            byte[] frame = new byte[FRAME_SAMPLES];
            Arrays.fill(frame, codec.silence());
            int base = f * FRAME_SAMPLES;
            for (int i = 0; i < FRAME_SAMPLES && base + i < pcm.length; i++) {
                frame[i] = codec.encode(pcm[base + i]);
            }
            out.add(frame);
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return language + "/" + name + " (" + duration().toMillis() + " ms)";
    }
}
