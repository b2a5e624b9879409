package io.switchboard.admin.acd;

import io.switchboard.ivr.call.Carrier;
import io.switchboard.ivr.call.Dialer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The ACD's dialer, connected to the carriers once they exist: the ACD starts first (the carriers' registrars ask it
 * about agents' phones), and the SIP endpoint and, when configured, Asterisk provide the outbound calls. An agent's
 * phone is rung by the carrier its contact belongs to ({@link Carrier#ofContact}); customers' numbers by Asterisk
 * when it has an outbound route, else by the SIP endpoint. Until a carrier is connected its dials fail at once with
 * a reason, so nothing waits on a carrier that is not there.
 */
public final class LateDialer implements Dialer {

    private volatile Dialer sip;
    private volatile Dialer asterisk;

    /** The built-in SIP endpoint's dialer. */
    public void connect(Dialer dialer) {
        this.sip = dialer;
    }

    /** Asterisk's dialer (AMI Originate). */
    public void connectAsterisk(Dialer dialer) {
        this.asterisk = dialer;
    }

    @Override
    public Carrier numbersCarrier() {
        Dialer a = asterisk;
        return a != null && a.numbersCarrier() == Carrier.ASTERISK ? Carrier.ASTERISK : Carrier.SIP;
    }

    @Override
    public CompletableFuture<Dialled> dial(DialTarget target, String callerId, Map<String, String> context,
            Duration ringTimeout) {
        Carrier carrier = switch (target) {
            case DialTarget.AgentPhone phone -> Carrier.ofContact(phone.contact());
            case DialTarget.Number number -> numbersCarrier();
        };
        Dialer d = carrier == Carrier.ASTERISK ? asterisk : sip;
        return d == null ? CompletableFuture.completedFuture(new Dialled.Failed("no " + carrier.name()
                .toLowerCase(java.util.Locale.ROOT) + " carrier connected")) : d.dial(target, callerId, context,
                ringTimeout);
    }
}
