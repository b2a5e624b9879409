package io.switchboard.ivr.media;

import io.switchboard.speech.Prompt;
import java.util.List;

/**
 * Prompts queued on a stream. The stream reports progress through the {@link Listener}; {@link #stop()} ends it at
 * the next tick (barge-in, hang-up).
 */
public final class Playback {

    private final List<Prompt> prompts;
    private final Listener listener;
    private volatile boolean stopped;
    private volatile boolean finished;

    /** Hears a playback's progress, on the clock thread. */
    public interface Listener {
        void promptStarted(Prompt prompt);

        /** Called once: {@code completed} is false when it was stopped. */
        void finished(boolean completed);
    }

    public Playback(List<Prompt> prompts, Listener listener) {
        this.prompts = List.copyOf(prompts);
        this.listener = listener;
    }

    List<Prompt> prompts() {
        return prompts;
    }

    Listener listener() {
        return listener;
    }

    public void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    public boolean finished() {
        return finished;
    }

    void finish(boolean completed) {
        if (!finished) {
            finished = true;
            listener.finished(completed);
        }
    }
}
