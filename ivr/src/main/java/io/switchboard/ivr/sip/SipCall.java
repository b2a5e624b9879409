package io.switchboard.ivr.sip;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.RecordOutcome;
import io.switchboard.callflow.engine.RecordRequest;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.CallObserver;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.ivr.media.MediaSession;
import io.switchboard.ivr.media.Playback;
import io.switchboard.ivr.media.VoiceRecorder;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call on the built-in endpoint, as the flow engine and the controller see it. Signalling (answer, BYE) goes
 * through {@link Signalling}; audio through the call's {@link MediaSession}. Keys from RFC 4733 or SIP INFO land in
 * one type-ahead buffer. Every wait wakes on the one hang-up signal, whichever side ended the call.
 */
public final class SipCall implements CallLeg, MediaSession.Events {

    private static final Logger log = LoggerFactory.getLogger(SipCall.class);

    /** What the call asks of the SIP side. */
    public interface Signalling {
        /** Sends 200 OK with our SDP answer; false when that is no longer possible. */
        boolean answer(SipCall call);

        /** Ends the dialog from our side (BYE after answer, a final error response before). */
        void hangUp(SipCall call);
    }

    private final CallFacts facts;
    private final PromptLibrary prompts;
    private final MediaSession media;
    private final SdpNegotiation negotiation;
    private final Signalling signalling;
    private final Clock clock;
    private final List<CallObserver> observers = new CopyOnWriteArrayList<>();
    private final CompletableFuture<CallEnd> ended = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Character> keys = new ArrayDeque<>();
    private volatile boolean answered;
    private volatile boolean gone;
    private volatile CallEnd endedAs;
    private CallEnd notifiedEnd; // guarded by observers: the end, once observers are being told of it
    private volatile String language = "en";
    private final CallerRecordings recordings;

    public SipCall(CallFacts facts, PromptLibrary prompts, MediaSession media, SdpNegotiation negotiation,
            Signalling signalling, Clock clock) {
        this(facts, prompts, media, negotiation, signalling, clock, SipEndpoint.DEFAULT_RECORDINGS);
    }

    /** @param recordings the directory recordings of the caller are written to */
    public SipCall(CallFacts facts, PromptLibrary prompts, MediaSession media, SdpNegotiation negotiation,
            Signalling signalling, Clock clock, Path recordings) {
        this.recordings = new CallerRecordings(facts.callId(), media, recordings, clock, observers);
        this.facts = facts;
        this.prompts = prompts;
        this.media = media;
        this.negotiation = negotiation;
        this.signalling = signalling;
        this.clock = clock;
        media.setEvents(this);
        media.expectCaller(negotiation.remote(), negotiation.audioPt(), negotiation.telephoneEventPt());
    }

    @Override
    public CallFacts facts() {
        return facts;
    }

    public MediaSession media() {
        return media;
    }

    public SdpNegotiation negotiation() {
        return negotiation;
    }

    public boolean isAnswered() {
        return answered;
    }

    @Override
    public void addObserver(CallObserver observer) {
        CallEnd late;
        synchronized (observers) {
            observers.add(observer);
            late = notifiedEnd;
        }
        if (late != null) {
            observer.ended(late); // the call ended before the controller got to it (a CANCEL under load)
        }
    }

    @Override
    public CompletionStage<CallEnd> ended() {
        return ended;
    }

    @Override
    public boolean answer() {
        if (gone) {
            return false;
        }
        if (answered) {
            return true;
        }
        if (!signalling.answer(this)) {
            return false;
        }
        answered = true;
        media.start(negotiation.codec());
        var at = clock.instant();
        observers.forEach(o -> o.answered(at));
        return !gone;
    }

    @Override
    public PlayOutcome play(List<PromptRef> refs, boolean bargeIn) {
        if (gone) {
            return PlayOutcome.HUNG_UP;
        }
        if (bargeIn && hasKeys()) {
            return PlayOutcome.INTERRUPTED;
        }
        List<Prompt> audio = resolve(refs);
        if (audio.isEmpty()) {
            return gone ? PlayOutcome.HUNG_UP : PlayOutcome.COMPLETED;
        }
        var done = new boolean[1];
        var completed = new boolean[1];
        Playback playback = new Playback(audio, new Playback.Listener() {
            @Override
            public void promptStarted(Prompt prompt) {
                var at = clock.instant();
                observers.forEach(o -> o.promptStarted(prompt.name(), prompt.language(), at));
            }

            @Override
            public void finished(boolean wasCompleted) {
                signal(() -> {
                    done[0] = true;
                    completed[0] = wasCompleted;
                });
            }
        });
        if (!media.play(playback)) {
            return gone ? PlayOutcome.HUNG_UP : PlayOutcome.COMPLETED;
        }
        lock.lock();
        try {
            while (!done[0] && !gone && !(bargeIn && !keys.isEmpty())) {
                changed.awaitUninterruptibly();
            }
            if (gone) {
                playback.stop();
                return PlayOutcome.HUNG_UP;
            }
            if (!done[0]) {
                playback.stop();
                return PlayOutcome.INTERRUPTED;
            }
            return PlayOutcome.COMPLETED;
        } finally {
            lock.unlock();
        }
    }

    private List<Prompt> resolve(List<PromptRef> refs) {
        List<Prompt> out = new ArrayList<>(refs.size());
        for (PromptRef ref : refs) {
            Optional<Prompt> p = prompts.find(ref.name(), language);
            if (p.isEmpty() && !language.equals("en")) {
                p = prompts.find(ref.name(), "en");
            }
            if (p.isPresent()) {
                out.add(p.get());
            } else {
                log.warn("call {}: prompt '{}' has no audio in '{}'; skipped", facts.callId(), ref.name(), language);
            }
        }
        return out;
    }

    @Override
    public KeyOutcome nextKey(Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (keys.isEmpty() && !gone && remaining > 0) {
                try {
                    remaining = changed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new KeyOutcome.HungUp();
                }
            }
            if (!keys.isEmpty()) {
                return new KeyOutcome.Key(keys.poll());
            }
            return gone ? new KeyOutcome.HungUp() : new KeyOutcome.Timeout();
        } finally {
            lock.unlock();
        }
    }

    /** Plays the beep (when asked), then records the caller into a WAV file ({@link CallerRecordings}). */
    @Override
    public RecordOutcome record(RecordRequest request) {
        if (gone || (request.beep() && play(List.of(RecordRequest.BEEP), false) == PlayOutcome.HUNG_UP)) {
            return RecordOutcome.nothing(RecordOutcome.Ending.HUNG_UP);
        }
        return recordings.record(request, new VoiceRecorder.Line() {
            @Override
            public boolean isGone() {
                return gone;
            }

            @Override
            public Optional<Character> takeKey() {
                return takeBufferedKey();
            }
        });
    }

    private Optional<Character> takeBufferedKey() {
        lock.lock();
        try {
            return Optional.ofNullable(keys.poll());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clearKeys() {
        signal(keys::clear);
    }

    private boolean hasKeys() {
        lock.lock();
        try {
            return !keys.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String language() {
        return language;
    }

    @Override
    public void setLanguage(String language) {
        this.language = language;
    }

    @Override
    public void hangup() {
        if (end(HangupCause.NORMAL, CallEnd.Party.SYSTEM)) {
            signalling.hangUp(this);
        }
    }

    @Override
    public boolean isGone() {
        return gone;
    }

    @Override
    public Optional<CallEnd> end() {
        return Optional.ofNullable(endedAs);
    }

    /** A key from RFC 4733 (media thread). */
    @Override
    public void keyPressed(char key) {
        key(key, "rfc4733");
    }

    /** A key from SIP INFO. */
    public void infoKey(char key) {
        key(key, "sip-info");
    }

    private void key(char key, String via) {
        if (gone) {
            return;
        }
        var at = clock.instant();
        observers.forEach(o -> o.keyPressed(key, via, at));
        signal(() -> {
            if (keys.size() < 64) {
                keys.add(key);
            }
        });
    }

    /** The caller's media stopped: the server ends the call (recorded as hung up by the system, not the caller). */
    @Override
    public void mediaTimedOut() {
        if (end(HangupCause.MEDIA_TIMEOUT, CallEnd.Party.SYSTEM)) {
            log.info("call {}: no RTP from the caller; hanging up", facts.callId());
            signalling.hangUp(this);
        }
    }

    /**
     * Marks the call ended (once): wakes every wait, stops the media, tells the observers.
     *
     * @return true for the call that ended it, false when it had already ended
     */
    public boolean end(HangupCause cause, CallEnd.Party by) {
        CallEnd end = new CallEnd(cause, by, clock.instant());
        lock.lock();
        try {
            if (gone) {
                return false;
            }
            endedAs = end;
            gone = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        media.close();
        List<CallObserver> told;
        synchronized (observers) {
            notifiedEnd = end;
            told = List.copyOf(observers);
        }
        for (CallObserver o : told) {
            try {
                o.ended(end);
            } catch (RuntimeException e) {
                log.warn("call {}: observer failed on end", facts.callId(), e);
            }
        }
        ended.complete(end);
        return true;
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} for the call to end; for shutdown and tests. */
    public boolean awaitEnd(Duration timeout) {
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
