package io.switchboard.simulator.flowtest;

import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.HeardPrompt;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A real simulated call as a {@link CallerLine}: keys go as RFC 4733 events, or by SIP INFO when asked or when the
 * server did not accept telephone-events. Prompts named in {@code unscripted} (what a queue plays while the caller
 * waits, an agent's voice) are not part of what the script follows.
 */
record SessionLine(CallSession session, boolean keysViaInfo, Set<String> unscripted) implements CallerLine {

    SessionLine {
        unscripted = Set.copyOf(unscripted);
    }

    private static final long FRAME_NANOS = 20_000_000L;

    @Override
    public List<HeardPrompt> heard() {
        List<HeardPrompt> heard = session.heard();
        return unscripted.isEmpty() ? heard : heard.stream().filter(h -> !unscripted.contains(h.name())).toList();
    }

    @Override
    public List<CallSession.SentKey> sentKeys() {
        return session.sentKeys();
    }

    @Override
    public void press(String keys) {
        if (keysViaInfo || !session.telephoneEvents()) {
            session.pressKeysInfo(keys);
        } else {
            session.pressKeys(keys);
        }
    }

    @Override
    public void hangUp() {
        session.hangup();
    }

    @Override
    public CallSession.EndedBy endedBy() {
        return session.endedBy();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void pause() {
        LockSupport.parkNanos(FRAME_NANOS);
    }
}
