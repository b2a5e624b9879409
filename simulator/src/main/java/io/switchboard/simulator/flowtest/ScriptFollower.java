package io.switchboard.simulator.flowtest;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.flowtest.FlowTestCase;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.HeardPrompt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A caller following a flow test case's script on a real call, line by line: {@code expect} waits until each of its
 * prompts has started; {@code press}, {@code silence} and {@code hangup} act once the prompts before them have
 * finished (their audio's length has passed and nothing new began); {@code press-during} and {@code hangup-during}
 * act as soon as the named prompt is playing. As soon as the call goes another way than the script (another prompt,
 * the server hangs up) or the time limit runs out, the caller stops following and hangs up; the transcript then
 * shows where it parted.
 */
final class ScriptFollower {

    /** How long past a prompt's end the caller waits before acting, so a prompt right after it is seen first. */
    static final Duration SETTLE = Duration.ofMillis(250);
    /** How long after the call ended the last frames may still come in. */
    static final Duration LATE_AUDIO = Duration.ofMillis(300);
    /**
     * How far a prompt's start, as told from the audio, may fall before a key that caused it: the server answers a
     * key within a frame, and a start placed from a later frame's arrival can be off by a few milliseconds.
     */
    static final Duration START_JITTER = Duration.ofMillis(60);

    /** Something the caller did, and how many prompts it had heard by then. */
    private record Action(long nanos, String text, int heardBefore) {}

    private final CallerLine line;
    private final Duration timeLimit;
    private final List<Action> actions = new ArrayList<>();
    private long deadline;
    private int followed;
    private HeardPrompt current;
    private String timedOut;
    private boolean scriptHungUp;

    ScriptFollower(CallerLine line, Duration timeLimit) {
        this.line = line;
        this.timeLimit = timeLimit;
    }

    /** The script line the caller cannot perform over SIP, if any (checked before dialing). */
    static Optional<String> unsupported(FlowTestCase.Action action) {
        return switch (action) {
            case FlowTestCase.Expect e -> Optional.empty();
            case FlowTestCase.Press p -> Optional.empty();
            case FlowTestCase.PressDuring p -> Optional.empty();
            case FlowTestCase.Silence s -> Optional.empty();
            case FlowTestCase.HangUp h -> Optional.empty();
            case FlowTestCase.HangUpDuring h -> Optional.empty();
            default -> Optional.of(scriptWord(action));
        };
    }

    /** A script line this class does not know, named as in the file's style: {@code Say} → {@code say}. */
    static String scriptWord(FlowTestCase.Action action) {
        return action.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    FollowedCall follow(FlowTestCase testCase) {
        deadline = line.nanoTime() + timeLimit.toNanos();
        SourcePos stoppedAt = null;
        for (FlowTestCase.Action action : testCase.script()) {
            if (!perform(action)) {
                stoppedAt = action.pos();
                break;
            }
        }
        if (stoppedAt == null) {
            awaitEnd();
        }
        CallSession.EndedBy endedBy = line.endedBy();
        if (endedBy == CallSession.EndedBy.NONE || (endedBy == CallSession.EndedBy.CALLER && !scriptHungUp)) {
            line.hangUp(); // the caller stopped following: leaving is not part of the transcript
            endedBy = CallSession.EndedBy.NONE;
        }
        return new FollowedCall(transcript(), endedBy, stoppedAt, timedOut, timeLimit);
    }

    /** Performs one script line; false when the caller stops following. */
    private boolean perform(FlowTestCase.Action action) {
        return switch (action) {
            case FlowTestCase.Expect e -> hear(e.prompts());
            case FlowTestCase.Press p -> awaitQuiet("the prompts before the keys to finish") && press(p.keys());
            case FlowTestCase.PressDuring p -> awaitPlaying(p.prompt()) && press(p.keys());
            case FlowTestCase.Silence s -> awaitQuiet("the prompts before the silence to finish") && did("silence");
            case FlowTestCase.HangUp h -> awaitQuiet("the prompts before the hang-up to finish") && hangUp();
            case FlowTestCase.HangUpDuring h -> awaitPlaying(h.prompt()) && hangUp();
            default -> throw new IllegalStateException("script line '" + scriptWord(action) + "' at " + action.pos()
                    + " is not supported over SIP; unsupported() is checked before dialing");
        };
    }

    private boolean hear(List<String> prompts) {
        for (String prompt : prompts) {
            HeardPrompt next = nextPrompt(prompt);
            if (next == null || !next.name().equals(prompt)) {
                return false;
            }
        }
        return true;
    }

    /** Presses the keys and waits until they have gone out. */
    private boolean press(String keys) {
        int from = line.sentKeys().size();
        int heardBefore = line.heard().size();
        line.press(keys);
        boolean out = true;
        while (line.sentKeys().size() < from + keys.length() && out) {
            out = line.endedBy() == CallSession.EndedBy.NONE && !timeIsUp("the keys " + keys + " to go out");
            if (out) {
                line.pause();
            }
        }
        List<CallSession.SentKey> sent = line.sentKeys();
        sent.subList(from, sent.size()).forEach(k -> actions.add(new Action(k.nanos(), "key " + k.key(),
                heardBefore)));
        return out;
    }

    /** Hangs up; the lines after it, if any, then find the call ended. */
    private boolean hangUp() {
        did("caller hangs up");
        scriptHungUp = true;
        line.hangUp();
        return true;
    }

    private boolean did(String text) {
        actions.add(new Action(line.nanoTime(), text, line.heard().size()));
        return true;
    }

    /** The next prompt heard after those followed so far; null when the call ended or the time ran out. */
    private HeardPrompt nextPrompt(String waitingFor) {
        long endedAt = -1;
        while (true) {
            List<HeardPrompt> heard = line.heard();
            if (heard.size() > followed) {
                current = heard.get(followed++);
                return current;
            }
            long now = line.nanoTime();
            if (line.endedBy() != CallSession.EndedBy.NONE) {
                if (endedAt < 0) {
                    endedAt = now;
                } else if (now - endedAt > LATE_AUDIO.toNanos()) {
                    return null;
                }
            } else if (timeIsUp(waitingFor)) {
                return null;
            }
            line.pause();
        }
    }

    /** Waits until the prompt the caller heard last has played out with nothing after it; false otherwise. */
    private boolean awaitQuiet(String waitingFor) {
        while (true) {
            if (line.heard().size() > followed || line.endedBy() != CallSession.EndedBy.NONE) {
                return false; // a prompt the script did not expect began, or the call is over
            }
            if (current == null || line.nanoTime() >= current.endNanos() + SETTLE.toNanos()) {
                return true;
            }
            if (timeIsUp(waitingFor)) {
                return false;
            }
            line.pause();
        }
    }

    /** Waits until {@code prompt} plays: it is the last prompt heard and nothing came after it, or it comes next. */
    private boolean awaitPlaying(String prompt) {
        boolean playingNow = current != null && current.name().equals(prompt) && line.heard().size() == followed;
        if (!playingNow) {
            HeardPrompt next = nextPrompt(prompt);
            if (next == null || !next.name().equals(prompt)) {
                return false;
            }
        }
        return line.endedBy() == CallSession.EndedBy.NONE;
    }

    /** After the script: the call must end with nothing more heard. */
    private void awaitEnd() {
        long endedAt = -1;
        while (line.heard().size() <= followed) {
            long now = line.nanoTime();
            if (line.endedBy() != CallSession.EndedBy.NONE) {
                if (endedAt < 0) {
                    endedAt = now;
                } else if (now - endedAt > LATE_AUDIO.toNanos()) {
                    return;
                }
            } else if (timeIsUp("the call to end")) {
                return;
            }
            line.pause();
        }
    }

    private boolean timeIsUp(String waitingFor) {
        if (line.nanoTime() < deadline) {
            return false;
        }
        timedOut = waitingFor;
        return true;
    }

    /**
     * Prompts heard and what the caller did, in the order they happened: before an action come the prompts the
     * caller had heard when it acted, and those it recognised only later but that clearly started earlier.
     */
    private List<String> transcript() {
        List<HeardPrompt> heard = line.heard();
        List<Action> done = new ArrayList<>(actions);
        done.sort(Comparator.comparingLong(Action::nanos));
        List<String> out = new ArrayList<>();
        int played = 0;
        for (Action a : done) {
            int before = Math.max(played, Math.min(a.heardBefore(), heard.size()));
            while (before < heard.size() && heard.get(before).startNanos() < a.nanos() - START_JITTER.toNanos()) {
                before++;
            }
            for (; played < before; played++) {
                out.add("play " + heard.get(played).name());
            }
            out.add(a.text());
        }
        heard.subList(played, heard.size()).forEach(h -> out.add("play " + h.name()));
        return out;
    }
}
