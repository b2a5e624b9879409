package io.switchboard.ivr.asterisk;

import io.switchboard.ivr.call.AgentPhones;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents' phones on Asterisk: each agent's device ({@code PJSIP/1001} from the template {@code PJSIP/{agent}}) counts
 * as registered, with the device as its contact, while Asterisk says it is {@code NOT_INUSE}; any other state
 * (unavailable, in use on a call of its own, ringing) takes it out of the ACD's offers, as Asterisk's own queues do.
 * States come from AMI's {@code DeviceStateChange} events, and from {@code DEVICE_STATE(<device>)} asked for every
 * agent when the link comes up and every {@code refresh} after (which keeps the registrations from lapsing). When the
 * link goes down every agent registered here is unregistered at once: no offer can be made without AMI.
 */
public final class AsteriskDevices implements AmiListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AsteriskDevices.class);
    private static final long ACTION_TIMEOUT_MS = 5_000;
    /** The state in which a device may be offered a call. */
    static final String FREE = "NOT_INUSE";

    private final AmiLink link;
    private final AgentPhones phones;
    private final Supplier<Set<String>> agentIds;
    private final String template;
    private final Pattern device;
    private final Duration refresh;
    private final Clock clock;
    private final Map<String, String> registered = new ConcurrentHashMap<>();
    /** Agents whose phone this run has unregistered since it last saw it free: no need to say it again. */
    private final Set<String> cleared = ConcurrentHashMap.newKeySet();
    private final Thread refresher;
    private volatile boolean closed;

    /**
     * @param template the agent's device with {@code {agent}} for the agent id, such as {@code PJSIP/{agent}}
     * @param agentIds the agents defined now
     */
    public AsteriskDevices(AmiLink link, AgentPhones phones, Supplier<Set<String>> agentIds, String template,
            Duration refresh, Clock clock) {
        if (!template.contains("{agent}")) {
            throw new IllegalArgumentException("the agents' device template '" + template + "' has no {agent}");
        }
        this.link = link;
        this.phones = phones;
        this.agentIds = agentIds;
        this.template = template;
        int at = template.indexOf("{agent}");
        this.device = Pattern.compile(Pattern.quote(template.substring(0, at)) + "([A-Za-z0-9._-]{1,64})"
                + Pattern.quote(template.substring(at + "{agent}".length())), Pattern.CASE_INSENSITIVE);
        this.refresh = refresh;
        this.clock = clock;
        link.addListener(this);
        this.refresher = Thread.ofVirtual().name("asterisk-devices").start(this::refreshEvery);
    }

    /** The device of {@code agentId}. */
    public String deviceOf(String agentId) {
        return template.replace("{agent}", agentId);
    }

    /** The agent whose device {@code name} is, when it is one. */
    Optional<String> agentOf(String name) {
        Matcher m = name == null ? null : device.matcher(name);
        return m != null && m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public void event(ManagerEvent event) {
        if (event instanceof DeviceStateChangeEvent e) {
            agentOf(e.getDevice()).ifPresent(agent -> apply(agent, e.getState()));
        }
    }

    @Override
    public void reconciled(Set<String> live, Instant asked) {
        Thread.ofVirtual().name("asterisk-devices-now").start(this::askAll);
    }

    @Override
    public void linkDown() {
        registered.forEach((agent, contact) -> {
            registered.remove(agent);
            cleared.add(agent);
            phones.unregistered(agent, contact);
        });
        log.info("AMI link down: Asterisk agents are offered no calls until it returns");
    }

    /** Applies a device state: {@code NOT_INUSE} registers the agent's phone, anything else unregisters it. */
    void apply(String agentId, String state) {
        String contact = deviceOf(agentId);
        log.debug("Agent {}'s phone {} is {}", agentId, contact, state);
        if (FREE.equalsIgnoreCase(state)) {
            phones.registered(agentId, contact, clock.instant().plus(refresh.multipliedBy(3)));
            registered.put(agentId, contact);
            cleared.remove(agentId);
        } else {
            // also when this run never registered it: a registration left by the run before a crash goes at once;
            // once said, the refresh every 30 s does not write it again
            boolean wasRegistered = registered.remove(agentId) != null;
            if (cleared.add(agentId) || wasRegistered) {
                phones.unregistered(agentId, contact);
            }
        }
    }

    /** Asks Asterisk the state of every agent's device. */
    void askAll() {
        for (String agent : agentIds.get()) {
            if (closed || !link.isUp()) {
                return;
            }
            try {
                ManagerResponse r = link.send(new GetVarAction("DEVICE_STATE(" + deviceOf(agent) + ")"),
                        ACTION_TIMEOUT_MS);
                if (r instanceof ManagerError e) {
                    log.warn("Asterisk did not tell the state of {}: {}", deviceOf(agent), e.getMessage());
                    continue;
                }
                String state = r.getAttribute("value");
                apply(agent, state == null ? "UNKNOWN" : state);
            } catch (AmiLink.AmiUnavailable e) {
                log.info("Agents' device states not asked: {}", e.getMessage());
                return;
            } catch (RuntimeException e) {
                log.warn("Device state of agent {} not applied: {}", agent, e.toString());
            }
        }
    }

    private void refreshEvery() {
        while (!closed) {
            try {
                Thread.sleep(refresh);
            } catch (InterruptedException e) {
                return;
            }
            if (link.isUp()) {
                askAll();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        refresher.interrupt();
    }
}
