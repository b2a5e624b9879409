package io.switchboard.ivr.call;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A call leg as the IVR controller and the ACD hold it, whatever carries it (built-in SIP endpoint or Asterisk): an
 * inbound caller, an agent's phone rung for a call, or a customer dialled for a call back. The flow engine sees only
 * its {@link CallControl} face; the controller adds observers that record the call, and the ACD plays hold audio on
 * it and bridges it to another leg.
 */
public interface CallLeg extends CallControl {

    /** Adds an observer; it hears what happens from now on. */
    void addObserver(CallObserver observer);

    /**
     * Tells this leg's observers that the ACD offered the call to {@code agentId}, and why; a leg without
     * observers ignores it.
     */
    default void routed(String agentId, String explanation) {}

    /** Completes once, when the call has ended (either side). */
    CompletionStage<CallEnd> ended();

    /**
     * How the call ended, once it has; a carrier sets it no later than {@link #isGone()} turns true, so whoever sees
     * the call gone can tell why (the default knows it only once {@link #ended()} completed).
     */
    default Optional<CallEnd> end() {
        return Optional.ofNullable(ended().toCompletableFuture().getNow(null));
    }

    /**
     * Plays like {@link #play(List, boolean)}, and also stops, returning {@link PlayOutcome#STOPPED}, as soon as
     * {@code stop} completes (at once when it already has): how a queue's hold audio gives way the moment an agent
     * answers. The key that interrupts a barge-in playback stays buffered, as with {@code play}.
     */
    PlayOutcome play(List<PromptRef> prompts, boolean bargeIn, CompletionStage<?> stop);

    /**
     * Plays a queue's hold audio until {@code stop} completes, the caller leaves, or (with {@code bargeIn}) a key is
     * pressed. The default plays the prompts once, like {@link #play(List, boolean, CompletionStage)}, and the ACD
     * loops; a carrier with hold audio of its own (Asterisk's music on hold) may play that instead, for as long as
     * nothing stops it.
     */
    default PlayOutcome hold(List<PromptRef> prompts, boolean bargeIn, CompletionStage<?> stop) {
        return play(prompts, bargeIn, stop);
    }

    /** What carries this leg; only legs of the same carrier can be bridged. */
    default Carrier carrier() {
        return Carrier.SIP;
    }

    /** Plays with nothing to stop it but the caller: the flow's {@code play}, for every kind of leg. */
    @Override
    default PlayOutcome play(List<PromptRef> prompts, boolean bargeIn) {
        return play(prompts, bargeIn, new java.util.concurrent.CompletableFuture<Void>());
    }

    /**
     * Connects this leg and {@code other} both ways (audio, and keys passed on as keys) until the returned bridge is
     * closed or either leg ends; while bridged neither leg plays prompts. Empty when this carrier cannot bridge the
     * two (another carrier's leg, either leg already gone). Closing the bridge hangs up neither leg.
     */
    Optional<Bridge> bridge(CallLeg other);

    /** Two legs talking to each other. */
    interface Bridge extends AutoCloseable {
        /** Stops relaying; each leg can play prompts again. Idempotent. */
        @Override
        void close();
    }
}
