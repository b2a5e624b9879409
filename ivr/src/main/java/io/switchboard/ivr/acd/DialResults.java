package io.switchboard.ivr.acd;

import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.Dialer;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Reading a {@link Dialer}'s future: a carrier's exception or a cancelled attempt is a failed dial, never a throw. */
final class DialResults {

    private DialResults() {
    }

    /** Waits for the attempt's end. */
    static Dialer.Dialled outcome(CompletableFuture<Dialer.Dialled> dial) {
        try {
            return dial.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Dialer.Dialled.Failed("interrupted");
        } catch (ExecutionException | CancellationException e) {
            return new Dialer.Dialled.Failed(String.valueOf(e.getCause() == null ? e : e.getCause()));
        }
    }

    /** The leg, when the attempt has already ended answered (a leg the ACD must then hang up). */
    static Optional<CallLeg> answeredLeg(CompletableFuture<Dialer.Dialled> dial) {
        if (!dial.isDone() || dial.isCompletedExceptionally() || dial.isCancelled()) {
            return Optional.empty();
        }
        return dial.join() instanceof Dialer.Dialled.Answered a ? Optional.of(a.leg()) : Optional.empty();
    }
}
