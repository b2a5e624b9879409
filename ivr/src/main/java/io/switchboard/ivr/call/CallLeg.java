package io.switchboard.ivr.call;

import io.switchboard.callflow.engine.CallControl;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A caller's leg as the IVR controller holds it, whatever carries it (built-in SIP endpoint or Asterisk). The flow
 * engine sees only its {@link CallControl} face; the controller adds observers that record the call.
 */
public interface CallLeg extends CallControl {

    /** Adds an observer; it hears what happens from now on. */
    void addObserver(CallObserver observer);

    /** Completes once, when the call has ended (either side). */
    CompletionStage<CallEnd> ended();

    /**
     * How the call ended, once it has; a carrier sets it no later than {@link #isGone()} turns true, so whoever sees
     * the call gone can tell why (the default knows it only once {@link #ended()} completed).
     */
    default Optional<CallEnd> end() {
        return Optional.ofNullable(ended().toCompletableFuture().getNow(null));
    }
}
