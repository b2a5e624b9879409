package io.switchboard.ivr.asterisk;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.TransferPort;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A flow's {@code transfer} on an Asterisk call: Asterisk dials the destination from the caller's own channel
 * ({@code EXEC Dial}), so the media stays on Asterisk and Switchboard's session only waits for the end. An agent id
 * is dialled at the agent's device ({@code switchboard.asterisk.agent-device}), a number through the outbound route;
 * {@code DIALSTATUS} {@code ANSWER} is a transfer made (the flow ends), anything else fails to the step's
 * {@code failed} branch with the status as the reason. Calls on another carrier go to {@code otherCarriers}.
 */
public final class AsteriskTransfers implements TransferPort {

    /** A number Asterisk may be asked to dial: digits with an optional leading +, 2 to 20 of them. */
    static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{2,20}");

    private final Predicate<String> isAgent;
    private final String agentDevice;
    private final String outboundRoute;
    private final Duration ring;
    private final TransferPort otherCarriers;

    /**
     * @param isAgent       whether a destination is an agent's id
     * @param agentDevice   an agent's device with {@code {agent}}, such as {@code PJSIP/{agent}}
     * @param outboundRoute where numbers are dialled, with {@code {number}}; empty: no numbers
     * @param ring          how long the destination may ring
     */
    public AsteriskTransfers(Predicate<String> isAgent, String agentDevice, String outboundRoute, Duration ring,
            TransferPort otherCarriers) {
        this.isAgent = isAgent;
        this.agentDevice = agentDevice;
        this.outboundRoute = outboundRoute == null ? "" : outboundRoute;
        this.ring = ring;
        this.otherCarriers = otherCarriers;
    }

    @Override
    public TransferResult transfer(String destination, CallControl call) {
        if (!(call instanceof AgiCall agi)) {
            return otherCarriers.transfer(destination, call);
        }
        if (agi.isGone()) {
            return new TransferResult.HungUp();
        }
        String device = device(destination);
        if (device == null) {
            return new TransferResult.Failed("Asterisk transfers to agents (" + agentDevice + ") and to numbers"
                    + (outboundRoute.isBlank() ? " once switchboard.asterisk.outbound-route is set" : "")
                    + "; '" + destination + "' is neither");
        }
        return agi.dial(device, ring);
    }

    /** The Asterisk dial string for {@code destination}, or null when it is neither an agent nor a number. */
    String device(String destination) {
        if (destination == null || destination.isBlank()) {
            return null;
        }
        if (isAgent.test(destination)) {
            return agentDevice.replace("{agent}", destination);
        }
        if (NUMBER.matcher(destination).matches() && !outboundRoute.isBlank()) {
            return outboundRoute.replace("{number}", destination);
        }
        return null;
    }
}
