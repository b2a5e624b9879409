package io.switchboard.ivr.asterisk;

import io.switchboard.ivr.call.CallLeg;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A FastAGI caller bridged to an originated channel: the caller's session runs Asterisk's
 * {@code Bridge(<unique id>,x)} on a virtual thread of its own (the flow's thread waits for the call meanwhile), so
 * the caller stays in the session and goes on with the flow when the other side hangs up; {@code x} hangs the other
 * side up when the caller leaves. The bridge counts as made when AMI shows the caller in a bridge; a {@code Bridge}
 * that returns first made none unless {@code BRIDGERESULT} says {@code SUCCESS}.
 */
final class AgiBridge implements CallLeg.Bridge {

    private static final Logger log = LoggerFactory.getLogger(AgiBridge.class);
    /** How long to wait to see the bridge made before counting it made anyway (the AMI may be slow or down). */
    static final Duration ESTABLISH = Duration.ofSeconds(5);
    private static final long LOOK_EVERY_MS = 20;

    private final AgiCall caller;
    private final OriginatedChannel other;
    private final CompletableFuture<Optional<AgiReply>> returned;

    private AgiBridge(AgiCall caller, OriginatedChannel other, CompletableFuture<Optional<AgiReply>> returned) {
        this.caller = caller;
        this.other = other;
        this.returned = returned;
    }

    static Optional<CallLeg.Bridge> open(AgiCall caller, AgiCommands commands, OriginatedChannel other,
            AsteriskChannels channels) {
        if (caller.isGone() || other.isGone()) {
            return Optional.empty();
        }
        CompletableFuture<Optional<AgiReply>> returned = new CompletableFuture<>();
        Thread.ofVirtual().name("agi-bridge-" + caller.facts().callId()).start(() -> {
            Optional<AgiReply> reply = Optional.empty();
            try {
                reply = commands.send(new ExecCommand("Bridge", other.uniqueId(), "x"));
                if (reply.isPresent()) {
                    // Bridge answers 200 result=0 whoever left (recorded: the caller's HANGUP comes after it), so
                    // ask: a dead channel answers 511
                    commands.channelAlive();
                }
            } catch (RuntimeException e) {
                log.debug("call {}: Bridge: {}", caller.facts().callId(), e.toString());
            }
            if (!caller.isGone()) {
                other.leftBridge(); // Bridge returned with the caller still there: the other side left
            }
            returned.complete(reply); // last: the caller's session is free for the flow's thread from here on
        });
        String uniqueId = caller.channel().uniqueId();
        long deadline = System.nanoTime() + ESTABLISH.toNanos();
        while (!returned.isDone() && !channels.inBridge(uniqueId) && System.nanoTime() < deadline) {
            try {
                returned.get(LOOK_EVERY_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                break;
            }
        }
        AgiBridge bridge = new AgiBridge(caller, other, returned);
        if (returned.isDone() && (caller.isGone() || !bridge.wasMade(commands))) {
            return Optional.empty();
        }
        return Optional.of(bridge); // made (and maybe over already: the other side hung up at once)
    }

    /** After {@code Bridge} returned: whether it had bridged ({@code BRIDGERESULT=SUCCESS}). */
    private boolean wasMade(AgiCommands commands) {
        Optional<AgiReply> result = commands.send(new GetVariableCommand("BRIDGERESULT"));
        String value = result.map(AgiReply::getExtra).orElse("");
        if (!"SUCCESS".equals(value)) {
            log.warn("call {}: Asterisk did not bridge channel {} (BRIDGERESULT={})", caller.facts().callId(),
                    other.uniqueId(), value.isEmpty() ? "?" : value);
            return false;
        }
        return true;
    }

    /**
     * Waits for {@code Bridge} to return, so the caller's session takes commands again; hangs the other side up
     * when it does not return soon (that ends the bridge).
     */
    @Override
    public void close() {
        if (await(Duration.ofSeconds(2))) {
            return;
        }
        other.hangup();
        if (!await(Duration.ofSeconds(10))) {
            log.warn("call {}: Asterisk's Bridge to {} did not return; the caller's session stays blocked",
                    caller.facts().callId(), other.uniqueId());
        }
    }

    private boolean await(Duration d) {
        try {
            returned.get(d.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }
}
