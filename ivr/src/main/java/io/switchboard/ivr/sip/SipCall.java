package io.switchboard.ivr.sip;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.callflow.engine.CallSignals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
    private final CallSignals signals = new CallSignals();
    private volatile boolean answered;
    private volatile SipBridge bridge;
    private volatile CallEnd endedAs;
    private CallEnd notifiedEnd; // guarded by observers: the end, once observers are being told of it
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
        if (signals.isGone()) {
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
        return !signals.isGone();
    }

    @Override
    public PlayOutcome play(List<PromptRef> refs, boolean bargeIn, CompletionStage<?> stop) {
        var stopped = stop.toCompletableFuture();
        if (stopped.isDone()) {
            return signals.isGone() ? PlayOutcome.HUNG_UP : PlayOutcome.STOPPED;
        }
        if (signals.isGone()) {
            return PlayOutcome.HUNG_UP;
        }
        if (bargeIn && signals.hasKeys()) {
            return PlayOutcome.INTERRUPTED;
        }
        List<Prompt> audio = resolve(refs);
        if (audio.isEmpty()) {
            return signals.isGone() ? PlayOutcome.HUNG_UP : PlayOutcome.COMPLETED;
        }
        var done = new boolean[1];
        Playback playback = new Playback(audio, new Playback.Listener() {
            @Override
            public void promptStarted(Prompt prompt) {
                var at = clock.instant();
                observers.forEach(o -> o.promptStarted(prompt.name(), prompt.language(), at));
            }

            @Override
            public void finished(boolean wasCompleted) {
                signals.changed(() -> done[0] = true);
            }
        });
        if (!media.play(playback)) {
            return signals.isGone() ? PlayOutcome.HUNG_UP : PlayOutcome.COMPLETED;
        }
        stopped.whenComplete((v, e) -> signals.changed(() -> { }));
        PlayOutcome outcome = signals.awaitPlayback(() -> done[0], bargeIn, stopped::isDone);
        if (outcome != PlayOutcome.COMPLETED) {
            playback.stop();
        }
        return outcome;
    }

    private List<Prompt> resolve(List<PromptRef> refs) {
        List<Prompt> out = new ArrayList<>(refs.size());
        List<String> languages = signals.promptLanguages();
        for (PromptRef ref : refs) {
            Optional<Prompt> p = languages.stream().map(l -> prompts.find(ref.name(), l))
                    .flatMap(Optional::stream).findFirst();
            if (p.isPresent()) {
                out.add(p.get());
            } else {
                log.warn("call {}: prompt '{}' has no audio in {}; skipped", facts.callId(), ref.name(), languages);
            }
        }
        return out;
    }

    /**
     * Relays audio and keys between this call and {@code other} ({@link SipBridge}); empty when {@code other} is not
     * a call of this endpoint, or either call is gone, unanswered or already bridged.
     */
    @Override
    public Optional<Bridge> bridge(CallLeg other) {
        return other instanceof SipCall peer ? SipBridge.open(this, peer) : Optional.empty();
    }

    /** Joins {@code b}; false when this call cannot be bridged now. */
    synchronized boolean join(SipBridge b) {
        if (bridge != null || !answered || signals.isGone()) {
            return false;
        }
        bridge = b;
        return true;
    }

    synchronized void leave(SipBridge b) {
        if (bridge == b) {
            bridge = null;
        }
    }

    @Override
    public KeyOutcome nextKey(Duration timeout) {
        return signals.nextKey(timeout);
    }

    /** Plays the beep (when asked), then records the caller into a WAV file ({@link CallerRecordings}). */
    @Override
    public RecordOutcome record(RecordRequest request) {
        if (signals.isGone()
                || (request.beep() && play(List.of(RecordRequest.BEEP), false) == PlayOutcome.HUNG_UP)) {
            return RecordOutcome.nothing(RecordOutcome.Ending.HUNG_UP);
        }
        return recordings.record(request, new VoiceRecorder.Line() {
            @Override
            public boolean isGone() {
                return signals.isGone();
            }

            @Override
            public Optional<Character> takeKey() {
                return signals.pollKey();
            }
        });
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
        if (end(HangupCause.NORMAL, CallEnd.Party.SYSTEM)) {
            signalling.hangUp(this);
        }
    }

    @Override
    public boolean isGone() {
        return signals.isGone();
    }

    @Override
    public Optional<CallEnd> end() {
        return Optional.ofNullable(endedAs);
    }

    @Override
    public void routed(String agentId, String explanation) {
        var at = clock.instant();
        observers.forEach(o -> o.routed(agentId, explanation, at));
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
        if (signals.isGone()) {
            return;
        }
        var at = clock.instant();
        observers.forEach(o -> o.keyPressed(key, via, at));
        SipBridge b = bridge;
        if (b == null) {
            signals.offerKey(key);
        } else if (!b.peerOf(this).media().sendKey(key)) {
            log.debug("call {}: key {} not passed on (no telephone-event on the other leg)", facts.callId(), key);
        }
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
        if (!signals.hangUp(() -> endedAs = end)) {
            return false;
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
