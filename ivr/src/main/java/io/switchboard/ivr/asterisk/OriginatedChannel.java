package io.switchboard.ivr.asterisk;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.CallObserver;
import io.switchboard.ivr.call.Carrier;
import io.switchboard.ivr.call.HangupCause;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.action.BridgeAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel Switchboard had Asterisk originate (an agent's phone, a customer called back), known by the unique id
 * Switchboard gave it ({@code ChannelId}). It waits in Asterisk's {@code MusicOnHold} application until it is bridged,
 * so it plays no prompts of ours: {@code play} without anything to stop it returns at once, and hold audio waits for
 * its stop (the channel hears Asterisk's music meanwhile). It ends when AMI says it hung up, when the channel
 * vanished while the link was down, when the caller's {@code Bridge} returns with the caller still there, or when
 * Switchboard hangs it up (AMI {@code Hangup}).
 */
public final class OriginatedChannel implements CallLeg {

    private static final Logger log = LoggerFactory.getLogger(OriginatedChannel.class);
    private static final long ACTION_TIMEOUT_MS = 5_000;

    private final CallFacts facts;
    private final AmiLink link;
    private final Clock clock;
    private final LegObservers observers;
    private final CompletableFuture<CallEnd> gone = new CompletableFuture<>();

    OriginatedChannel(CallFacts facts, AmiLink link, Clock clock) {
        this.facts = facts;
        this.link = link;
        this.clock = clock;
        this.observers = new LegObservers(facts.callId());
    }

    /** Asterisk's unique id of the channel: Switchboard's call id for it. */
    public String uniqueId() {
        return facts.callId();
    }

    @Override
    public CallFacts facts() {
        return facts;
    }

    @Override
    public Carrier carrier() {
        return Carrier.ASTERISK;
    }

    @Override
    public void addObserver(CallObserver observer) {
        observers.add(observer);
    }

    @Override
    public CompletionStage<CallEnd> ended() {
        return observers.ended();
    }

    @Override
    public Optional<CallEnd> end() {
        return observers.end();
    }

    @Override
    public boolean answer() {
        return !isGone();
    }

    /** Nothing to play on this channel: returns at once ({@link PlayOutcome#COMPLETED}, or HUNG_UP when gone). */
    @Override
    public PlayOutcome play(List<PromptRef> prompts, boolean bargeIn) {
        return isGone() ? PlayOutcome.HUNG_UP : PlayOutcome.COMPLETED;
    }

    /** Waits (the channel hears Asterisk's music) until {@code stop} completes or the channel ends. */
    @Override
    public PlayOutcome play(List<PromptRef> prompts, boolean bargeIn, CompletionStage<?> stop) {
        CompletableFuture.anyOf(stop.toCompletableFuture(), gone).join();
        return isGone() ? PlayOutcome.HUNG_UP : PlayOutcome.STOPPED;
    }

    @Override
    public KeyOutcome nextKey(Duration timeout) {
        try {
            gone.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return new KeyOutcome.HungUp();
        } catch (java.util.concurrent.TimeoutException e) {
            return new KeyOutcome.Timeout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new KeyOutcome.Timeout();
        } catch (java.util.concurrent.ExecutionException e) {
            return new KeyOutcome.HungUp();
        }
    }

    @Override
    public void clearKeys() {
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public void setLanguage(String language) {
    }

    /** Hangs the channel up through AMI ({@code Hangup} by unique id); the leg ends at once either way. */
    @Override
    public void hangup() {
        if (ended(HangupCause.NORMAL, CallEnd.Party.SYSTEM)) {
            Thread.ofVirtual().name("ami-hangup-" + uniqueId()).start(() -> {
                try {
                    ManagerResponse r = link.send(new HangupAction(uniqueId()), ACTION_TIMEOUT_MS);
                    if (r instanceof ManagerError e) {
                        log.debug("Hangup {}: {}", uniqueId(), e.getMessage()); // gone already
                    }
                } catch (AmiLink.AmiUnavailable e) {
                    log.info("Channel {} not hung up: {}; Asterisk ends it when its music-on-hold time is over",
                            uniqueId(), e.getMessage());
                }
            });
        }
    }

    @Override
    public boolean isGone() {
        return gone.isDone();
    }

    /**
     * Bridges two originated channels with AMI's {@code Bridge} action (a call back's agent and customer); a caller
     * on FastAGI bridges itself ({@link AgiCall#bridge}).
     */
    @Override
    public Optional<Bridge> bridge(CallLeg other) {
        if (other instanceof AgiCall caller) {
            return caller.bridge(this);
        }
        if (!(other instanceof OriginatedChannel them) || isGone() || them.isGone()) {
            return Optional.empty();
        }
        BridgeAction action = new BridgeAction(them.uniqueId(), uniqueId(), false);
        try {
            ManagerResponse r = link.send(action, ACTION_TIMEOUT_MS);
            if (r instanceof ManagerError e) {
                log.warn("Asterisk did not bridge {} and {}: {}", them.uniqueId(), uniqueId(), e.getMessage());
                return Optional.empty();
            }
        } catch (AmiLink.AmiUnavailable e) {
            log.warn("{} and {} not bridged: {}", them.uniqueId(), uniqueId(), e.getMessage());
            return Optional.empty();
        }
        return Optional.of(() -> { }); // the bridge lasts until either hangs up
    }

    /** AMI said the channel hung up (the agent or customer put the phone down). */
    void hungUp() {
        ended(HangupCause.NORMAL, CallEnd.Party.CALLER);
    }

    /** The channel vanished while the AMI link was down. */
    void vanished() {
        ended(HangupCause.CARRIER_LOST, CallEnd.Party.SYSTEM);
    }

    /** The caller's {@code Bridge} returned while the caller was still there: this side left the bridge. */
    void leftBridge() {
        ended(HangupCause.NORMAL, CallEnd.Party.CALLER);
    }

    private boolean ended(HangupCause cause, CallEnd.Party by) {
        CallEnd end = new CallEnd(cause, by, clock.instant());
        synchronized (gone) {
            if (gone.isDone()) {
                return false;
            }
            observers.ending(end);
            gone.complete(end);
        }
        observers.tellEnded(end);
        return true;
    }
}
