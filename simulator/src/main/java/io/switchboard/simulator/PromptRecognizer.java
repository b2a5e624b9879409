package io.switchboard.simulator;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells which prompt the caller is hearing from the G.711 frames arriving over RTP. G.711 is deterministic, so a
 * prompt's frames arrive exactly as the library encodes them: every frame that belongs to one prompt only (and is
 * not near-silence) identifies that prompt and its position in it. A prompt's start is the arrival of such a frame
 * minus its position × 20 ms, so a prompt is placed correctly even when its first frames are shared or lost.
 */
public final class PromptRecognizer {

    /** A frame whose samples all stay within this level counts as silence. */
    static final int SILENCE_LEVEL = 64;
    private static final long FRAME_NANOS = 20_000_000L;

    /** Where a frame stands: in which language's version ({@code en/welcome}) of which prompt, at which frame. */
    private record Place(String prompt, String name, int index) {}

    private record Frame(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && Arrays.equals(f.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** A gap with no audible audio longer than the threshold. */
    public record Gap(Duration offset, Duration length) {}

    private final AudioCodec codec;
    private final Map<Frame, Place> index = new HashMap<>();
    private final Map<String, Duration> lengths = new HashMap<>();
    private volatile long originNanos;
    private final List<HeardPrompt> heard = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();
    private final long gapThresholdNanos;
    private String current;
    private int lastIndex = -1;
    private long lastAudibleNanos = -1;

    /**
     * @param originNanos the moment offsets are measured from (the answer), on {@link System#nanoTime()}'s clock
     */
    public PromptRecognizer(PromptLibrary library, AudioCodec codec, long originNanos, Duration gapThreshold) {
        this(library, codec, gapThreshold);
        this.originNanos = originNanos;
    }

    /** Builds the frame index now (it takes tens of milliseconds); {@link #startAt} sets the origin later. */
    public PromptRecognizer(PromptLibrary library, AudioCodec codec, Duration gapThreshold) {
        this.codec = codec;
        this.gapThresholdNanos = gapThreshold.toNanos();
        Set<Frame> shared = new HashSet<>();
        for (Prompt prompt : library.all()) {
            List<byte[]> frames = prompt.frames(codec);
            lengths.put(prompt.language() + "/" + prompt.name(), Duration.ofNanos(frames.size() * FRAME_NANOS));
            for (int i = 0; i < frames.size(); i++) {
                Frame f = new Frame(frames.get(i));
                if (silent(f.bytes) || shared.contains(f)) {
                    continue;
                }
                Place previous = index.putIfAbsent(f,
                        new Place(prompt.language() + "/" + prompt.name(), prompt.name(), i));
                // a frame two languages' versions of one prompt share (a tone, a name) still tells the prompt
                if (previous != null && !previous.name().equals(prompt.name())) {
                    index.remove(f);
                    shared.add(f);
                }
            }
        }
    }

    /** Sets the moment offsets are measured from (the answer). */
    public void startAt(long originNanos) {
        this.originNanos = originNanos;
    }

    /** Takes one received audio payload. */
    public synchronized void accept(byte[] payload, long arrivalNanos) {
        boolean audible = !silent(payload);
        if (audible) {
            if (lastAudibleNanos >= 0 && arrivalNanos - lastAudibleNanos > gapThresholdNanos) {
                gaps.add(new Gap(Duration.ofNanos(lastAudibleNanos - originNanos + FRAME_NANOS),
                        Duration.ofNanos(arrivalNanos - lastAudibleNanos - FRAME_NANOS)));
            }
            lastAudibleNanos = arrivalNanos;
        }
        Place place = payload.length == 160 ? index.get(new Frame(payload)) : null;
        if (place == null) {
            return;
        }
        if (!place.name().equals(current) || place.index() < lastIndex) {
            long start = arrivalNanos - place.index() * FRAME_NANOS;
            String name = place.name();
            heard.add(new HeardPrompt(name, Duration.ofNanos(Math.max(0, start - originNanos)), start,
                    lengths.get(place.prompt())));
            current = name;
        }
        lastIndex = place.index();
    }

    public synchronized List<HeardPrompt> heard() {
        return List.copyOf(heard);
    }

    public synchronized List<Gap> gaps() {
        return List.copyOf(gaps);
    }

    public AudioCodec codec() {
        return codec;
    }

    private boolean silent(byte[] frame) {
        for (byte b : frame) {
            if (Math.abs(codec.decode(b)) > SILENCE_LEVEL) {
                return false;
            }
        }
        return true;
    }
}
