package io.switchboard.ivr.asterisk;

import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import java.io.IOException;
import java.util.Optional;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.InvalidCommandSyntaxException;
import org.asteriskjava.fastagi.InvalidOrUnknownCommandException;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.ChannelStatusCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one call's AGI commands and turns every way Asterisk says "gone" into the call's one hang-up signal: the
 * {@code 511} reply and a {@code HANGUP} line end it as hung up by the caller; a lost connection (Asterisk gone, the
 * link broken, a bound exceeded) as {@link HangupCause#CARRIER_LOST}; a reply that is not AGI as a failure. A
 * command Asterisk refuses ({@code 510}, {@code 520}) fails alone and is logged.
 */
final class AgiCommands {

    private static final Logger log = LoggerFactory.getLogger(AgiCommands.class);

    private final AgiChannel channel;
    private final AgiSocket socket;
    private AgiCall call;

    AgiCommands(AgiChannel channel, AgiSocket socket) {
        this.channel = channel;
        this.socket = socket;
    }

    void bind(AgiCall call) {
        this.call = call;
        socket.onHangup(this::callerHungUp);
    }

    /** Sends {@code command} and reads its reply; empty when the call is (now) gone or the command failed. */
    Optional<AgiReply> send(AgiCommand command) {
        if (call.isGone()) {
            return Optional.empty();
        }
        try {
            AgiReply reply = channel.sendCommand(command);
            if (reply.getStatus() != AgiReply.SC_SUCCESS) {
                log.warn("call {}: Asterisk answered '{}' with '{}', which is not AGI; ending the call",
                        call.facts().callId(), command.buildCommand(), printable(reply.getFirstLine()));
                endLink(HangupCause.FAILURE, CallEnd.Party.SYSTEM);
                return Optional.empty();
            }
            return Optional.of(reply);
        } catch (AgiHangupException e) {
            if (socket.lost() && !socket.hangupSeen()) {
                endLink(HangupCause.CARRIER_LOST, CallEnd.Party.SYSTEM);
            } else {
                callerHungUp();
            }
        } catch (InvalidOrUnknownCommandException | InvalidCommandSyntaxException e) {
            log.warn("call {}: Asterisk refused '{}': {}", call.facts().callId(), command.buildCommand(),
                    e.getMessage());
        } catch (AgiException | RuntimeException e) {
            log.warn("call {}: the FastAGI session broke during '{}': {}", call.facts().callId(),
                    command.buildCommand(), e.toString());
            endLink(socket.lost() ? HangupCause.CARRIER_LOST : HangupCause.FAILURE, CallEnd.Party.SYSTEM);
        }
        return Optional.empty();
    }

    /**
     * Asks Asterisk whether the channel is still up, after a command answered {@code result=-1} (a prompt that does
     * not exist, or a caller who hung up during it): a dead channel answers {@code 511}.
     */
    boolean channelAlive() {
        return send(new ChannelStatusCommand()).isPresent() && !call.isGone();
    }

    void promptMissing(String prompt, String language) {
        log.warn("call {}: Asterisk has no sound '{}' for language '{}' on channel {}; skipped",
                call.facts().callId(), prompt, language, call.channel().channel());
    }

    /** The caller hung up (511, {@code HANGUP}, AMI): the call ends as the caller's doing. */
    void callerHungUp() {
        call.end(HangupCause.NORMAL, CallEnd.Party.CALLER);
    }

    /** Sends a command that needs no answer after the call has ended (our {@code HANGUP}); errors are moot. */
    void sendAfterEnd(AgiCommand command) {
        if (socket.lost() || socket.hangupSeen()) {
            return;
        }
        try {
            channel.sendCommand(command);
        } catch (AgiException | RuntimeException e) {
            log.debug("call {}: '{}' after the end: {}", call.facts().callId(), command.buildCommand(), e.toString());
        }
    }

    /** Ends the call and closes the connection, so a read waiting on it returns at once. */
    void endLink(HangupCause cause, CallEnd.Party by) {
        call.end(cause, by);
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing the FastAGI socket of call {}: {}", call.facts().callId(), e.toString());
        }
    }

    private static String printable(String line) {
        if (line == null) {
            return "";
        }
        String cut = line.length() > 80 ? line.substring(0, 80) + "…" : line;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
