package io.switchboard.ivr.asterisk;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.call.Carrier;
import io.switchboard.ivr.call.Dialer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACD's outbound calls on Asterisk: each is an AMI {@code Originate} ({@code Async}) of the agent's device (its
 * registered contact, such as {@code PJSIP/1001}) or of a customer's number through the outbound route, into
 * Asterisk's {@code MusicOnHold} application until it is bridged, with a unique id Switchboard chose
 * ({@code ChannelId}) so a ring can be hung up before Asterisk says anything of it. The {@code OriginateResponse}
 * event tells the outcome (reason 4 answered, 3 no answer, 5 busy, 1 refused, else failed). The call's context goes
 * along as channel variables {@code SWITCHBOARD_<NAME>}. Follows the channels it made: AMI's Hangup event ends one,
 * and after a reconnect those that vanished meanwhile end as lost.
 */
public final class AsteriskDialer implements Dialer, AmiListener {

    private static final Logger log = LoggerFactory.getLogger(AsteriskDialer.class);
    /** How long after the ring timeout Asterisk has to tell the outcome before the attempt counts as failed. */
    static final Duration ANSWER_GRACE = Duration.ofSeconds(10);
    /** Longest value of a context variable sent to Asterisk. */
    static final int MAX_VARIABLE = 256;

    private final AmiLink link;
    private final String outboundRoute;
    private final String musicClass;
    private final Duration parked;
    private final Clock clock;
    private final Map<String, OriginatedChannel> live = new ConcurrentHashMap<>();

    /**
     * @param outboundRoute where customers' numbers are dialled, with {@code {number}} in it (for example
     *                      {@code PJSIP/{number}@trunk}); empty: call backs are not dialled through Asterisk
     * @param musicClass    the music-on-hold class an answered channel hears until it is bridged
     * @param parked        how long an answered channel may wait for its bridge before Asterisk ends it
     */
    public AsteriskDialer(AmiLink link, String outboundRoute, String musicClass, Duration parked, Clock clock) {
        this.link = link;
        this.outboundRoute = outboundRoute == null ? "" : outboundRoute;
        this.musicClass = musicClass;
        this.parked = parked;
        this.clock = clock;
        link.addListener(this);
    }

    @Override
    public Carrier numbersCarrier() {
        return outboundRoute.isBlank() ? Carrier.SIP : Carrier.ASTERISK;
    }

    @Override
    public CompletableFuture<Dialled> dial(DialTarget target, String callerId, Map<String, String> context,
            Duration ringTimeout) {
        String device = switch (target) {
            case DialTarget.AgentPhone phone -> phone.contact();
            case DialTarget.Number number -> outboundRoute.isBlank() ? "" : outboundRoute.replace("{number}",
                    number.number());
        };
        if (device == null || device.isBlank()) {
            return CompletableFuture.completedFuture(new Dialled.Failed(
                    "no outbound route on Asterisk (switchboard.asterisk.outbound-route)"));
        }
        UUID uuid = UUID.randomUUID();
        String id = "switchboard-" + uuid;
        String dialed = target instanceof DialTarget.Number n ? n.number() : device;
        OriginatedChannel leg = new OriginatedChannel(new CallFacts(id, callerId, dialed, clock.instant()), link,
                clock);
        OriginateAction action = originate(device, id, "switchboard2-" + uuid, callerId, context, ringTimeout);
        CompletableFuture<Dialled> result = new CompletableFuture<>();
        live.put(id, leg);
        leg.ended().thenRun(() -> live.remove(id)); // however it ends (an event, the bridge returning, our hang-up)
        result.whenComplete((d, e) -> {
            if (e instanceof CancellationException) {
                leg.hangup(); // the waiting caller left while the phone rang
            }
            if (!(d instanceof Dialled.Answered)) {
                live.remove(id);
            }
        });
        Thread.ofVirtual().name("originate-" + id).start(() -> {
            Dialled outcome = send(action, ringTimeout, leg);
            if (!result.complete(outcome) && outcome instanceof Dialled.Answered) {
                leg.hangup(); // answered just after the attempt was abandoned
            }
        });
        return result;
    }

    private OriginateAction originate(String device, String id, String otherId, String callerId,
            Map<String, String> context, Duration ringTimeout) {
        TwoIdOriginate action = new TwoIdOriginate(otherId);
        action.setChannel(device);
        action.setChannelId(id);
        action.setApplication("MusicOnHold");
        action.setData(musicClass + "," + parked.toSeconds());
        action.setTimeout(ringTimeout.toMillis());
        action.setCallerId(callerId == null ? "" : callerId);
        action.setAsync(true);
        Map<String, String> variables = new LinkedHashMap<>();
        context.forEach((name, value) -> variables.put(variableName(name), variableValue(value)));
        if (!variables.isEmpty()) {
            action.setVariables(variables);
        }
        return action;
    }

    private Dialled send(OriginateAction action, Duration ringTimeout, OriginatedChannel leg) {
        ResponseEvents answer;
        try {
            answer = link.sendForEvents(action, ringTimeout.plus(ANSWER_GRACE).toMillis());
        } catch (AmiLink.AmiUnavailable e) {
            leg.hangup();
            return new Dialled.Failed(e.getMessage());
        }
        if (answer.getResponse() instanceof ManagerError error) {
            return new Dialled.Failed("Asterisk refused to originate " + action.getChannel() + ": "
                    + error.getMessage());
        }
        for (ResponseEvent event : answer.getEvents()) {
            if (event instanceof OriginateResponseEvent r) {
                return outcome(r, leg);
            }
        }
        leg.hangup();
        return new Dialled.Failed("Asterisk did not tell how originating " + action.getChannel() + " ended");
    }

    /**
     * An Originate that also names the second half of a Local channel ({@code OtherChannelId}). Asterisk finds
     * channels by unique-id prefix (recorded: {@code ami-acd-bridge-local-prefix-trap}), and the half it would
     * name itself ({@code <ChannelId>-2}) starts with ours, so a Bridge or Hangup by our id could take it instead;
     * {@code switchboard2-<uuid>} is no prefix of {@code switchboard-<uuid>} nor the other way round. Asterisk-Java
     * sends every public getter of a public class as a header.
     */
    public static final class TwoIdOriginate extends OriginateAction {
        private static final long serialVersionUID = 1L;
        private final String otherChannelId;

        TwoIdOriginate(String otherChannelId) {
            this.otherChannelId = otherChannelId;
        }

        public String getOtherChannelId() {
            return otherChannelId;
        }
    }

    /**
     * Refuses a dial string Asterisk would optimize away: a {@code Local/} channel without {@code /n} is replaced in
     * the bridge by the channel it dials (recorded: {@code ami-acd-bridge-local}), and the unique id Switchboard
     * follows hangs up while the call goes on.
     */
    public static void checkDialString(String what, String template) {
        if (template != null && template.regionMatches(true, 0, "Local/", 0, 6) && !template.endsWith("/n")) {
            throw new IllegalArgumentException(what + " '" + template + "' is a Local channel that Asterisk "
                    + "optimizes away once it is answered, and Switchboard would lose the call's unique id; end it "
                    + "with /n (" + template + "/n) so it stays");
        }
    }

    /** What an OriginateResponse means for the ACD. */
    static Dialled outcome(OriginateResponseEvent r, OriginatedChannel leg) {
        if ("Success".equalsIgnoreCase(r.getResponse())) {
            return leg.isGone() ? new Dialled.Failed("the channel ended as it was answered")
                    : new Dialled.Answered(leg);
        }
        int reason = r.getReason() == null ? 0 : r.getReason();
        return switch (reason) {
            case 3 -> new Dialled.NoAnswer();
            case 1, 5 -> new Dialled.Busy();
            default -> new Dialled.Failed("Asterisk could not reach " + r.getChannel() + " (reason " + reason + ")");
        };
    }

    /** {@code Call-Id} → {@code SWITCHBOARD_CALL_ID}. */
    static String variableName(String name) {
        return "SWITCHBOARD_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** One line, no more than {@link #MAX_VARIABLE} characters, nothing AMI would read as a separator. */
    static String variableValue(String value) {
        String clean = value == null ? "" : value.replaceAll("[\\p{Cntrl},|]", " ");
        return clean.length() > MAX_VARIABLE ? clean.substring(0, MAX_VARIABLE) : clean;
    }

    @Override
    public void event(ManagerEvent event) {
        if (event instanceof HangupEvent h && h.getUniqueId() != null) {
            OriginatedChannel leg = live.remove(h.getUniqueId());
            if (leg != null) {
                leg.hungUp();
            }
        }
    }

    @Override
    public void reconciled(Set<String> channels, Instant asked) {
        live.values().removeIf(leg -> {
            boolean vanished = leg.facts().started().isBefore(asked) && !channels.contains(leg.uniqueId())
                    && !leg.isGone();
            if (vanished) {
                log.info("Originated channel {} vanished while the AMI link was down", leg.uniqueId());
                leg.vanished();
            }
            return vanished || leg.isGone();
        });
    }

    /** Channels this dialer made that have not ended (for tests and the reconnect). */
    public Set<String> channels() {
        return Set.copyOf(live.keySet());
    }
}
