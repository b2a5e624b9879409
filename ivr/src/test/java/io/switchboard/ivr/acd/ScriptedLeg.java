package io.switchboard.ivr.acd;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.callflow.engine.CallSignals;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.CallObserver;
import io.switchboard.ivr.call.HangupCause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A call leg with no network, in real time (the ACD waits on real clocks): each prompt "plays" for
 * {@link #PROMPT_LENGTH} unless a key (with barge-in), the stop signal or a hang-up ends it. The test presses keys,
 * hangs up either side and reads what the leg heard and whom it was bridged to. In the style of callflow-dsl's
 * ScriptedCall, which runs on a virtual clock instead.
 */
final class ScriptedLeg implements CallLeg {

    static final Duration PROMPT_LENGTH = Duration.ofMillis(20);

    private final CallFacts facts;
    private final CallSignals signals = new CallSignals();
    private final CompletableFuture<CallEnd> ended = new CompletableFuture<>();
    private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<ScriptedLeg> bridgedTo = new AtomicReference<>();
    private volatile boolean bridging;
    private volatile io.switchboard.ivr.call.Carrier carrier = io.switchboard.ivr.call.Carrier.SIP;

    ScriptedLeg(String callId, String caller) {
        this.facts = new CallFacts(callId, caller, "100", Instant.now());
    }

    /** The leg is carried by {@code carrier} (the built-in endpoint unless told). */
    ScriptedLeg on(io.switchboard.ivr.call.Carrier carrier) {
        this.carrier = carrier;
        return this;
    }

    @Override
    public io.switchboard.ivr.call.Carrier carrier() {
        return carrier;
    }

    /** The far end presses {@code key}. */
    void press(char key) {
        signals.offerKey(key);
    }

    /** The far end hangs up. */
    void farEndHangsUp() {
        end(CallEnd.Party.CALLER);
    }

    List<String> heard() {
        synchronized (heard) {
            return List.copyOf(heard);
        }
    }

    /** Whether a bridge was made and has been closed since. */
    boolean bridgeClosed() {
        return bridgedTo.get() != null && !bridging;
    }

    Optional<ScriptedLeg> bridgedTo() {
        return Optional.ofNullable(bridgedTo.get());
    }

    @Override
    public void addObserver(CallObserver observer) {
    }

    @Override
    public CompletionStage<CallEnd> ended() {
        return ended;
    }

    @Override
    public PlayOutcome play(List<PromptRef> prompts, boolean bargeIn, CompletionStage<?> stop) {
        CompletableFuture<?> stopped = stop.toCompletableFuture();
        for (PromptRef prompt : prompts) {
            if (bridging) {
                return PlayOutcome.STOPPED;
            }
            heard.add(prompt.name());
            long until = System.nanoTime() + PROMPT_LENGTH.toNanos();
            while (System.nanoTime() < until) {
                if (signals.isGone()) {
                    return PlayOutcome.HUNG_UP;
                }
                if (bargeIn && signals.hasKeys()) {
                    return PlayOutcome.INTERRUPTED;
                }
                if (stopped.isDone()) {
                    return PlayOutcome.STOPPED;
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return PlayOutcome.HUNG_UP;
                }
            }
        }
        return signals.isGone() ? PlayOutcome.HUNG_UP : PlayOutcome.COMPLETED;
    }

    @Override
    public Optional<Bridge> bridge(CallLeg other) {
        if (!(other instanceof ScriptedLeg leg) || isGone() || other.isGone()) {
            return Optional.empty();
        }
        bridgedTo.set(leg);
        leg.bridgedTo.set(this);
        bridging = true;
        leg.bridging = true;
        return Optional.of(() -> {
            bridging = false;
            leg.bridging = false;
        });
    }

    @Override
    public CallFacts facts() {
        return facts;
    }

    @Override
    public boolean answer() {
        return !isGone();
    }

    @Override
    public KeyOutcome nextKey(Duration timeout) {
        return signals.nextKey(timeout);
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
        end(CallEnd.Party.SYSTEM);
    }

    private void end(CallEnd.Party party) {
        if (signals.hangUp()) {
            ended.complete(new CallEnd(HangupCause.NORMAL, party, Instant.now()));
        }
    }

    @Override
    public boolean isGone() {
        return signals.isGone();
    }
}
