package io.switchboard.ivr.asterisk;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.callflow.engine.CallSignals;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.RecordOutcome;
import io.switchboard.callflow.engine.RecordRequest;
import io.switchboard.callflow.engine.TransferPort.TransferResult;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.CallRecording;
import io.switchboard.ivr.call.HangupCause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.RecordFileCommand;
import org.asteriskjava.fastagi.command.SetMusicOffCommand;
import org.asteriskjava.fastagi.command.SetMusicOnCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.asteriskjava.fastagi.reply.AgiReply;

/**
 * A call on an Asterisk channel, driven over its FastAGI session: each flow operation is one AGI command on the
 * call's own virtual thread ({@code STREAM FILE} with the barge-in keys as escape digits, {@code WAIT FOR DIGIT},
 * {@code RECORD FILE}, {@code ANSWER}, {@code HANGUP}). Asterisk plays the prompts from its own sounds directory, in
 * the channel's language, which the call sets ({@code CHANNEL(language)}) when the flow switches language.
 *
 * <p>A hang-up, however Asterisk tells it ({@code 511} on a dead channel, a {@code HANGUP} line, {@code result=-1}
 * with the channel gone, the AMI Hangup event, the connection lost), is the one signal of {@link CallSignals}.
 */
public final class AgiCall implements CallLeg {

    /** The keys Asterisk lets interrupt a prompt with barge-in on. */
    static final String ALL_KEYS = "0123456789*#";

    private final CallFacts facts;
    private final AgiChannelFacts channel;
    private final AgiCommands commands;
    private final Clock clock;
    private final AgiLegSettings settings;
    private final CallSignals signals;
    private final LegObservers observers;
    private volatile boolean answered;
    private volatile boolean languageSent;
    private int recordings;

    /** How long one wait for a key lasts while music on hold plays (the hold ends at most this late). */
    static final long HOLD_SLICE_MS = 250;

    AgiCall(CallFacts facts, AgiChannelFacts channel, AgiCommands commands, Clock clock, AgiLegSettings settings) {
        this.facts = facts;
        this.channel = channel;
        this.commands = commands;
        this.clock = clock;
        this.settings = settings;
        this.signals = new CallSignals(channel.language());
        this.languageSent = true; // the channel's own language
        this.observers = new LegObservers(facts.callId());
        commands.bind(this);
    }

    @Override
    public CallFacts facts() {
        return facts;
    }

    /** What the AGI environment said about the channel. */
    public AgiChannelFacts channel() {
        return channel;
    }

    @Override
    public void addObserver(io.switchboard.ivr.call.CallObserver observer) {
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
        if (answered || signals.isGone()) {
            return answered && !signals.isGone();
        }
        Optional<AgiReply> reply = commands.send(new AnswerCommand());
        if (reply.isEmpty() || reply.get().getResultCode() < 0) {
            return false;
        }
        answered = true;
        Instant at = clock.instant();
        observers.each(o -> o.answered(at));
        return !signals.isGone();
    }

    /**
     * Plays the prompts one {@code STREAM FILE} each. {@code stop} is looked at between prompts: Asterisk cannot be
     * told over AGI to cut a prompt short (docs/asterisk.md).
     */
    @Override
    public PlayOutcome play(List<PromptRef> prompts, boolean bargeIn, CompletionStage<?> stop) {
        var stopped = stop.toCompletableFuture();
        for (PromptRef prompt : prompts) {
            Optional<PlayOutcome> over = over(stopped, bargeIn);
            if (over.isPresent()) {
                return over.get();
            }
            sendLanguage();
            Instant at = clock.instant();
            String language = signals.language();
            observers.each(o -> o.promptStarted(prompt.name(), language, at));
            Optional<AgiReply> reply = commands.send(new StreamFileCommand(prompt.name(), bargeIn ? ALL_KEYS : ""));
            if (reply.isEmpty()) {
                return signals.isGone() ? PlayOutcome.HUNG_UP : PlayOutcome.COMPLETED;
            }
            int result = reply.get().getResultCode();
            if (result > 0) {
                pressed((char) result);
                if (bargeIn) {
                    return PlayOutcome.INTERRUPTED;
                }
            } else if (result < 0 && !commands.channelAlive()) {
                return PlayOutcome.HUNG_UP;
            } else if (result < 0) {
                commands.promptMissing(prompt.name(), language);
            }
        }
        return signals.isGone() ? PlayOutcome.HUNG_UP : PlayOutcome.COMPLETED;
    }

    /** Why playing must stop before the next prompt or slice: the caller left, the stop came, or a key (barge-in). */
    private Optional<PlayOutcome> over(java.util.concurrent.CompletableFuture<?> stopped, boolean bargeIn) {
        if (signals.isGone()) {
            return Optional.of(PlayOutcome.HUNG_UP);
        }
        if (stopped.isDone()) {
            return Optional.of(PlayOutcome.STOPPED);
        }
        if (bargeIn && signals.hasKeys()) {
            return Optional.of(PlayOutcome.INTERRUPTED);
        }
        return Optional.empty();
    }

    @Override
    public KeyOutcome nextKey(Duration timeout) {
        Optional<Character> typed = signals.pollKey();
        if (typed.isPresent()) {
            return new KeyOutcome.Key(typed.get());
        }
        if (signals.isGone()) {
            return new KeyOutcome.HungUp();
        }
        long ms = Math.min(timeout.toMillis(), Integer.MAX_VALUE);
        if (ms <= 0) {
            return new KeyOutcome.Timeout();
        }
        Optional<AgiReply> reply = commands.send(new WaitForDigitCommand(ms));
        if (reply.isEmpty()) {
            return signals.isGone() ? new KeyOutcome.HungUp() : new KeyOutcome.Timeout();
        }
        int result = reply.get().getResultCode();
        if (result > 0) {
            pressed((char) result);
            return signals.nextKey(Duration.ZERO);
        }
        if (result < 0 && !commands.channelAlive()) {
            return new KeyOutcome.HungUp();
        }
        return new KeyOutcome.Timeout();
    }

    private void pressed(char key) {
        Instant at = clock.instant();
        observers.each(o -> o.keyPressed(key, "agi", at));
        signals.offerKey(key);
    }

    /**
     * Records with {@code RECORD FILE} into the recordings directory on the Asterisk host (a WAV named after the
     * call), with Asterisk's beep and its silence detection; the reference the flow gets is that file's path.
     */
    @Override
    public RecordOutcome record(RecordRequest request) {
        if (signals.isGone()) {
            return RecordOutcome.nothing(RecordOutcome.Ending.HUNG_UP);
        }
        String file = settings.recordingsDir() + "/" + facts.callId() + "-" + (++recordings);
        StringBuilder escape = new StringBuilder();
        for (char c : ALL_KEYS.toCharArray()) {
            if (request.finishKeys().contains(c)) {
                escape.append(c);
            }
        }
        int maxMs = (int) Math.min(Integer.MAX_VALUE, request.maxLength().toMillis());
        int silence = (int) Math.max(1, Math.round(request.silenceEnd().toMillis() / 1000.0));
        Instant started = clock.instant();
        Optional<AgiReply> reply = commands.send(
                new RecordFileCommand(file, "wav", escape.toString(), maxMs, 0, request.beep(), silence));
        if (reply.isEmpty()) {
            return RecordOutcome.nothing(signals.isGone() ? RecordOutcome.Ending.HUNG_UP
                    : RecordOutcome.Ending.FAILED);
        }
        RecordedFile recorded = RecordedFile.of(reply.get(), request.maxLength());
        if (recorded.ending() == RecordOutcome.Ending.HUNG_UP) {
            commands.callerHungUp();
        }
        if (recorded.ending() == RecordOutcome.Ending.FAILED) {
            return RecordOutcome.nothing(RecordOutcome.Ending.FAILED);
        }
        String path = file + ".wav";
        CallRecording made = new CallRecording(path, started, recorded.length(), recorded.ending().code(),
                recorded.key() == 0 ? null : String.valueOf(recorded.key()));
        observers.each(o -> o.recorded(made));
        return new RecordOutcome(recorded.ending(), recorded.length(), path, recorded.key());
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
        if (!language.equals(signals.language())) {
            signals.setLanguage(language);
            languageSent = false;
        }
    }

    private void sendLanguage() {
        if (!languageSent && AgiChannelFacts.isLanguage(signals.language())) {
            languageSent = true;
            commands.send(new SetVariableCommand("CHANNEL(language)", signals.language()));
        }
    }

    /** Ends the call from our side: the channel is hung up ({@code HANGUP}). */
    @Override
    public void hangup() {
        if (end(HangupCause.NORMAL, CallEnd.Party.SYSTEM)) {
            commands.sendAfterEnd(new HangupCommand());
        }
    }

    @Override
    public boolean isGone() {
        return signals.isGone();
    }

    @Override
    public void routed(String agentId, String explanation) {
        Instant at = clock.instant();
        observers.each(o -> o.routed(agentId, explanation, at));
    }

    /**
     * Bridges the caller to a channel Switchboard originated (an agent's phone) with Asterisk's {@code Bridge}
     * ({@link AgiBridge}); empty for any other leg (the built-in endpoint's legs are another carrier's).
     */
    @Override
    public Optional<Bridge> bridge(io.switchboard.ivr.call.CallLeg other) {
        if (!(other instanceof OriginatedChannel originated)) {
            return Optional.empty();
        }
        return AgiBridge.open(this, commands, originated, settings.channels());
    }

    @Override
    public io.switchboard.ivr.call.Carrier carrier() {
        return io.switchboard.ivr.call.Carrier.ASTERISK;
    }

    /**
     * Hold audio as Asterisk's music on hold ({@code SET MUSIC ON <class>}), waiting for keys a slice at a time so
     * {@code stop} ends it within {@link #HOLD_SLICE_MS}; without a class configured, the hold prompts are played.
     */
    @Override
    public PlayOutcome hold(List<PromptRef> prompts, boolean bargeIn, CompletionStage<?> stop) {
        if (settings.musicClass() == null) {
            return play(prompts, bargeIn, stop);
        }
        var stopped = stop.toCompletableFuture();
        Optional<PlayOutcome> before = over(stopped, bargeIn);
        if (before.isPresent()) {
            return before.get();
        }
        Instant at = clock.instant();
        String moh = "moh:" + settings.musicClass();
        observers.each(o -> o.promptStarted(moh, signals.language(), at));
        commands.send(new SetMusicOnCommand(settings.musicClass()));
        try {
            while (true) {
                Optional<PlayOutcome> over = over(stopped, bargeIn);
                if (over.isPresent()) {
                    return over.get();
                }
                Optional<AgiReply> reply = commands.send(new WaitForDigitCommand(HOLD_SLICE_MS));
                if (reply.isEmpty()) {
                    return signals.isGone() ? PlayOutcome.HUNG_UP : PlayOutcome.COMPLETED;
                }
                int result = reply.get().getResultCode();
                if (result > 0) {
                    pressed((char) result);
                } else if (result < 0 && !commands.channelAlive()) {
                    return PlayOutcome.HUNG_UP;
                }
            }
        } finally {
            if (!signals.isGone()) {
                commands.send(new SetMusicOffCommand());
            }
        }
    }

    /**
     * Dials {@code device} from the caller's channel ({@code EXEC Dial "<device>,<seconds>"}) and waits for the
     * call to end: a transfer that Asterisk carries. {@code DIALSTATUS} says whether it was answered.
     */
    TransferResult dial(String device, Duration ring) {
        Instant at = clock.instant();
        observers.each(o -> o.promptStarted("dial:" + device, signals.language(), at));
        Optional<AgiReply> reply = commands.send(new ExecCommand("Dial", device,
                Long.toString(Math.max(1, ring.toSeconds()))));
        String status = commands.send(new GetVariableCommand("DIALSTATUS"))
                .map(AgiReply::getExtra).orElse("");
        if ("ANSWER".equals(status)) {
            return new TransferResult.Transferred();
        }
        if (signals.isGone() || reply.isEmpty() || (reply.get().getResultCode() < 0 && !commands.channelAlive())) {
            return new TransferResult.HungUp();
        }
        return new TransferResult.Failed("Asterisk's Dial to " + device
                + " ended " + (status.isEmpty() ? "without a DIALSTATUS" : status));
    }

    /** The server is stopping: the call ends and its FastAGI connection is closed (Asterisk's dialplan goes on). */
    void shutDown() {
        commands.endLink(HangupCause.SHUTDOWN, CallEnd.Party.SYSTEM);
    }

    /**
     * Asterisk said, outside this session (the AMI Hangup event), that the channel hung up: the call ends at once,
     * and the command waiting on the session returns because its connection is closed.
     */
    public void channelHungUp() {
        commands.endLink(HangupCause.NORMAL, CallEnd.Party.CALLER);
    }

    /** The channel vanished while the AMI link was down: the call ends as lost by the carrier. */
    public void channelVanished() {
        commands.endLink(HangupCause.CARRIER_LOST, CallEnd.Party.SYSTEM);
    }

    /**
     * Marks the call ended (once): wakes every wait and tells the observers.
     *
     * @return true for the end that ended it
     */
    boolean end(HangupCause cause, CallEnd.Party by) {
        CallEnd end = new CallEnd(cause, by, clock.instant());
        if (!signals.hangUp(() -> observers.ending(end))) {
            return false;
        }
        observers.tellEnded(end);
        return true;
    }
}
