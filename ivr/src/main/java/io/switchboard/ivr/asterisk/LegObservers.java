package io.switchboard.ivr.asterisk;

import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.CallObserver;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call leg's observers and its end: an observer added after the call ended is told of the end at once, every
 * observer hears the end exactly once, and a failing observer never stops the others.
 */
final class LegObservers {

    private static final Logger log = LoggerFactory.getLogger(LegObservers.class);

    private final String callId;
    private final List<CallObserver> observers = new CopyOnWriteArrayList<>();
    private final CompletableFuture<CallEnd> ended = new CompletableFuture<>();
    private volatile CallEnd end;
    private CallEnd told; // guarded by observers

    LegObservers(String callId) {
        this.callId = callId;
    }

    void add(CallObserver observer) {
        CallEnd late;
        synchronized (observers) {
            observers.add(observer);
            late = told;
        }
        if (late != null) {
            observer.ended(late);
        }
    }

    /** Tells every observer something that happened. */
    void each(Consumer<CallObserver> event) {
        for (CallObserver o : observers) {
            try {
                event.accept(o);
            } catch (RuntimeException e) {
                log.warn("call {}: an observer failed", callId, e);
            }
        }
    }

    /** Notes how the call ended, before anyone can see it gone. */
    void ending(CallEnd end) {
        this.end = end;
    }

    /** Tells the observers of the end, then completes {@link #ended()}. */
    void tellEnded(CallEnd end) {
        List<CallObserver> now;
        synchronized (observers) {
            told = end;
            now = List.copyOf(observers);
        }
        for (CallObserver o : now) {
            try {
                o.ended(end);
            } catch (RuntimeException e) {
                log.warn("call {}: an observer failed on end", callId, e);
            }
        }
        ended.complete(end);
    }

    CompletionStage<CallEnd> ended() {
        return ended;
    }

    Optional<CallEnd> end() {
        return Optional.ofNullable(end);
    }
}
