package io.switchboard.callflow.testing;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.callflow.engine.CallSignals;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.RecordOutcome;
import io.switchboard.callflow.engine.RecordRequest;
import io.switchboard.callflow.parse.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A call with no network: a caller who follows a script. Prompts take no real time (a virtual clock advances by
 * each prompt's nominal length and by every timeout), so flows are tested in milliseconds.
 *
 * <p>The script says what the caller does during a prompt ({@link #duringPrompt(String, String)},
 * {@link #hangUpDuring(String)}) and how the caller answers each wait for a key, in order ({@link #thenPress},
 * {@link #thenSilence}, {@link #thenHangUp}); once the answers run out the caller stays silent. While a recording
 * runs, the caller talks for the time of each {@link #thenSpeak} answer, then a key, a silence or a hang-up ends it.
 */
public final class ScriptedCall implements CallControl {

    /** The nominal length of a prompt on the virtual clock. */
    public static final Duration PROMPT_LENGTH = Duration.ofSeconds(2);

    private sealed interface Answer {}

    private record Press(char key) implements Answer {}

    private record Silence() implements Answer {}

    private record HangUp() implements Answer {}

    private record Say(String text) implements Answer {}
    private record Speak(Duration length) implements Answer {}

    private final CallFacts facts;
    private final Map<String, String> keysDuring = new HashMap<>();
    private final Set<String> hangUpDuring = new HashSet<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final CallSignals signals = new CallSignals();
    private final List<String> heard = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private Duration elapsed = Duration.ZERO;
    private boolean answered;
    private boolean hungUpBySystem;
    private int recordings;

    public ScriptedCall() {
        this(new CallFacts("scripted", "5550100", "100", Instant.parse("2026-01-05T10:00:00Z")));
    }

    public ScriptedCall(CallFacts facts) {
        this.facts = facts;
    }

    /** The caller presses {@code keys} while {@code prompt} plays (type-ahead; stops it when barge-in is on). */
    public ScriptedCall duringPrompt(String prompt, String keys) {
        keysDuring.put(prompt, keys);
        return this;
    }

    /** The caller hangs up in the middle of {@code prompt}. */
    public ScriptedCall hangUpDuring(String prompt) {
        hangUpDuring.add(prompt);
        return this;
    }

    /** The next waits for a key get these keys, one per wait. */
    public ScriptedCall thenPress(String keys) {
        keys.chars().forEach(c -> answers.add(new Press((char) c)));
        return this;
    }

    /** The next wait for a key times out. */
    public ScriptedCall thenSilence() {
        answers.add(new Silence());
        return this;
    }

    /**
     * The caller says {@code text} at the next wait for input: a step that understands speech hears it; one that
     * takes keys only waits out its timeout.
     */
    public ScriptedCall thenSay(String text) {
        answers.add(new Say(text));
        return this;
    }

    /** The caller hangs up at the next wait for a key. */
    public ScriptedCall thenHangUp() {
        answers.add(new HangUp());
        return this;
    }

    /** The caller talks for {@code length} into the running recording, then falls silent (logged as speak 12s). */
    public ScriptedCall thenSpeak(Duration length) {
        answers.add(new Speak(length));
        return this;
    }

    @Override
    public CallFacts facts() {
        return facts;
    }

    @Override
    public boolean answer() {
        if (!signals.isGone() && !answered) {
            answered = true;
            log.add("answer");
        }
        return !signals.isGone();
    }

    @Override
    public PlayOutcome play(List<PromptRef> prompts, boolean bargeIn) {
        for (PromptRef prompt : prompts) {
            if (signals.isGone()) {
                return PlayOutcome.HUNG_UP;
            }
            if (bargeIn && signals.hasKeys()) {
                return PlayOutcome.INTERRUPTED;
            }
            heard.add(prompt.name());
            log.add("play " + prompt.name());
            if (hangUpDuring.contains(prompt.name())) {
                signals.hangUp();
                log.add("caller hangs up");
                return PlayOutcome.HUNG_UP;
            }
            String keys = keysDuring.get(prompt.name());
            if (keys != null) {
                keys.chars().forEach(c -> {
                    signals.offerKey((char) c);
                    log.add("key " + (char) c);
                });
                elapsed = elapsed.plus(PROMPT_LENGTH.dividedBy(2));
                if (bargeIn) {
                    return PlayOutcome.INTERRUPTED;
                }
            }
            elapsed = elapsed.plus(PROMPT_LENGTH);
        }
        return signals.isGone() ? PlayOutcome.HUNG_UP : PlayOutcome.COMPLETED;
    }

    @Override
    public KeyOutcome nextKey(Duration timeout) {
        return nextInput(timeout, java.util.Set.of());
    }

    @Override
    public KeyOutcome nextInput(Duration timeout, java.util.Set<String> phrases) {
        if (signals.isGone()) {
            return new KeyOutcome.HungUp();
        }
        Optional<Character> typed = signals.pollKey();
        if (typed.isPresent()) {
            return new KeyOutcome.Key(typed.get());
        }
        Answer answer = answers.isEmpty() ? new Silence() : answers.poll();
        return switch (answer) {
            case Press p -> {
                log.add("key " + p.key());
                yield new KeyOutcome.Key(p.key());
            }
            case Silence s -> {
                elapsed = elapsed.plus(timeout);
                log.add("silence " + timeout.toMillis() + "ms");
                yield new KeyOutcome.Timeout();
            }
            case Say say -> {
                log.add("say " + say.text());
                if (!phrases.isEmpty()) {
                    yield new KeyOutcome.Speech(say.text());
                }
                elapsed = elapsed.plus(timeout);
                yield new KeyOutcome.Timeout();
            }
            case HangUp h -> {
                signals.hangUp();
                log.add("caller hangs up");
                yield new KeyOutcome.HungUp();
            }
            case Speak s -> {
                log.add("speak " + Timers.format(s.length()));
                elapsed = elapsed.plus(s.length().compareTo(timeout) < 0 ? s.length() : timeout);
                yield new KeyOutcome.Timeout();
            }
        };
    }

    /**
     * Records on the virtual clock: speech answers add to the message, a finish key or the caller's hang-up ends it,
     * a silence answer (or none left) waits the silence time, and the maximum length cuts everything short. The
     * reference is {@code recording-N}, N counting this call's recordings.
     */
    @Override
    public RecordOutcome record(RecordRequest request) {
        if (signals.isGone() || (request.beep() && play(List.of(RecordRequest.BEEP), false) == PlayOutcome.HUNG_UP)) {
            return RecordOutcome.nothing(RecordOutcome.Ending.HUNG_UP);
        }
        String reference = "recording-" + (++recordings);
        Duration running = Duration.ZERO;
        Duration spoken = Duration.ZERO;
        while (true) {
            Optional<Character> typed = signals.pollKey();
            if (typed.isPresent()) {
                if (request.finishKeys().contains(typed.get())) {
                    return kept(RecordOutcome.Ending.FINISH_KEY, spoken, reference, typed.get());
                }
                continue;
            }
            Duration room = request.maxLength().minus(running);
            Answer answer = answers.isEmpty() ? new Silence() : answers.poll();
            if (answer instanceof Say say) {
                // words said into a recording are talk of a prompt's length
                log.add("say " + say.text());
                answer = new Speak(PROMPT_LENGTH);
            } else if (answer instanceof Speak s) {
                log.add("speak " + Timers.format(s.length()));
            }
            switch (answer) {
                case Say say -> throw new IllegalStateException("turned into talk above");
                case Speak s -> {
                    Duration talked = s.length().compareTo(room) < 0 ? s.length() : room;
                    elapsed = elapsed.plus(talked);
                    running = running.plus(talked);
                    spoken = spoken.plus(talked);
                    if (running.equals(request.maxLength())) {
                        return kept(RecordOutcome.Ending.MAX_LENGTH, spoken, reference, (char) 0);
                    }
                }
                case Press p -> {
                    log.add("key " + p.key());
                    if (request.finishKeys().contains(p.key())) {
                        return kept(RecordOutcome.Ending.FINISH_KEY, spoken, reference, p.key());
                    }
                }
                case Silence s -> {
                    boolean cut = request.silenceEnd().compareTo(room) >= 0;
                    Duration waited = cut ? room : request.silenceEnd();
                    elapsed = elapsed.plus(waited);
                    log.add("silence " + waited.toMillis() + "ms");
                    return kept(cut ? RecordOutcome.Ending.MAX_LENGTH : RecordOutcome.Ending.SILENCE, spoken,
                            reference, (char) 0);
                }
                case HangUp h -> {
                    signals.hangUp();
                    log.add("caller hangs up");
                    return kept(RecordOutcome.Ending.HUNG_UP, spoken, reference, (char) 0);
                }
            }
        }
    }

    private static RecordOutcome kept(RecordOutcome.Ending ending, Duration spoken, String reference, char key) {
        return new RecordOutcome(ending, spoken, spoken.isZero() ? null : reference, key);
    }

    @Override
    public void clearKeys() {
        signals.clearKeys();
    }

    @Override
    public String language() {
        return signals.language();
    }

    @Override
    public void setLanguage(String language) {
        signals.setLanguage(language);
    }

    @Override
    public void hangup() {
        if (signals.hangUp()) {
            hungUpBySystem = true;
            log.add("hangup");
        }
    }

    @Override
    public boolean isGone() {
        return signals.isGone();
    }

    /** The prompts the caller heard (started), in order. */
    public List<String> heard() {
        return List.copyOf(heard);
    }

    /**
     * Everything that happened, in order: answer, play X, key K, silence Nms, speak Ns, hangup, caller hangs up.
     */
    public List<String> log() {
        return List.copyOf(log);
    }

    public boolean hungUpBySystem() {
        return hungUpBySystem;
    }

    /** Lets {@code time} pass on the virtual clock (a wait in a queue, a long lookup). */
    public void pass(Duration time) {
        elapsed = elapsed.plus(time);
    }

    /** A clock that starts at {@code start} and runs with this call's virtual time. */
    public java.time.Clock clock(java.time.Instant start) {
        return new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return java.time.Clock.fixed(instant(), zone);
            }

            @Override
            public java.time.Instant instant() {
                return start.plus(elapsed);
            }
        };
    }

    /** Time on the virtual clock. */
    public Duration elapsed() {
        return elapsed;
    }
}
