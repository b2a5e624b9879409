package io.switchboard.simulator.flowtest;

import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.HeardPrompt;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A small IVR on a virtual clock, heard through a perfect recognizer: welcome (no barge-in), then a menu prompt
 * (barge-in) and a 2 s wait for a key; 1 plays "one" and "bye" and hangs up, another key plays "invalid" and the
 * menu again; a silent wait plays "no-input" and the menu again, a second one "bye" and hangs up. Each
 * {@link #pause()} is 20 ms; a key goes out per pause and reaches the IVR
 * on the next.
 */
final class FakeIvr implements CallerLine {

    private static final long MS = 1_000_000L;
    static final Map<String, Duration> LENGTHS = Map.of("welcome", Duration.ofSeconds(2), "menu",
            Duration.ofSeconds(3), "one", Duration.ofSeconds(1), "bye", Duration.ofSeconds(1), "no-input",
            Duration.ofSeconds(1), "invalid", Duration.ofSeconds(1));

    private final boolean answersKeys;
    private final long startSkew;
    private long now = 1_000 * MS;
    private final List<HeardPrompt> heard = new ArrayList<>();
    private final List<CallSession.SentKey> sent = new ArrayList<>();
    private final Deque<Character> toSend = new ArrayDeque<>();
    private final Deque<Character> inFlight = new ArrayDeque<>();
    private final Deque<Character> received = new ArrayDeque<>();
    private CallSession.EndedBy endedBy = CallSession.EndedBy.NONE;
    private final Deque<String> queue = new ArrayDeque<>();
    private long promptEnds = -1;
    private boolean bargeIn;
    private Runnable afterPlay;
    private long waitUntil = -1;
    private int noInputs;

    /** @param answersKeys false: after the welcome the IVR goes quiet and never ends the call */
    FakeIvr(boolean answersKeys) {
        this(answersKeys, Duration.ZERO);
    }

    /** @param startSkew how much earlier than it really began the recognizer places each prompt's start */
    FakeIvr(boolean answersKeys, Duration startSkew) {
        this.answersKeys = answersKeys;
        this.startSkew = startSkew.toNanos();
        play(false, answersKeys ? this::menu : () -> { }, "welcome");
    }

    private void play(boolean bargeIn, Runnable then, String... prompts) {
        this.bargeIn = bargeIn;
        this.afterPlay = then;
        queue.addAll(List.of(prompts));
        startNext();
    }

    private void startNext() {
        String name = queue.poll();
        heard.add(new HeardPrompt(name, Duration.ofNanos(now), now - startSkew, LENGTHS.get(name)));
        promptEnds = now + LENGTHS.get(name).toNanos();
    }

    private void menu() {
        if (!received.isEmpty()) {
            choose(received.poll());
        } else {
            play(true, () -> waitUntil = now + 2_000 * MS, "menu");
        }
    }

    private void choose(char key) {
        waitUntil = -1;
        if (key == '1') {
            play(false, () -> endedBy = CallSession.EndedBy.SERVER, "one", "bye");
        } else {
            play(false, this::menu, "invalid");
        }
    }

    @Override
    public void pause() {
        if (endedBy != CallSession.EndedBy.NONE) {
            now += 20 * MS;
            return;
        }
        now += 20 * MS;
        Character arriving = inFlight.poll(); // a key reaches the IVR a frame after it was sent
        if (!toSend.isEmpty()) {
            char key = toSend.poll();
            sent.add(new CallSession.SentKey(key, now));
            inFlight.add(key);
        }
        if (arriving != null) {
            received.add(arriving);
            if (answersKeys && promptEnds >= 0 && bargeIn) {
                promptEnds = -1;
                queue.clear();
                choose(received.poll());
            } else if (waitUntil >= 0) {
                choose(received.poll());
            }
        }
        if (promptEnds >= 0 && now >= promptEnds) {
            if (!queue.isEmpty()) {
                startNext();
            } else {
                promptEnds = -1;
                afterPlay.run();
            }
        }
        if (waitUntil >= 0 && now >= waitUntil) {
            waitUntil = -1;
            if (++noInputs > 1) {
                play(false, () -> endedBy = CallSession.EndedBy.SERVER, "bye");
            } else {
                play(false, this::menu, "no-input");
            }
        }
    }

    @Override
    public List<HeardPrompt> heard() {
        return List.copyOf(heard);
    }

    @Override
    public List<CallSession.SentKey> sentKeys() {
        return List.copyOf(sent);
    }

    @Override
    public void press(String keys) {
        keys.chars().forEach(k -> toSend.add((char) k));
    }

    @Override
    public void hangUp() {
        if (endedBy == CallSession.EndedBy.NONE) {
            endedBy = CallSession.EndedBy.CALLER;
        }
    }

    @Override
    public CallSession.EndedBy endedBy() {
        return endedBy;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** When the prompt heard {@code index}-th (0-based) started. */
    long startOf(int index) {
        return heard.get(index).startNanos();
    }
}
