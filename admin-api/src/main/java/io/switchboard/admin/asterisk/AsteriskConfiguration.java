package io.switchboard.admin.asterisk;

import io.switchboard.callflow.calendar.CalendarOverrides;
import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowServices;
import io.switchboard.callflow.engine.TransferPort;
import io.switchboard.ivr.Hotline;
import io.switchboard.ivr.store.CallWriter;
import io.switchboard.ivr.acd.Acd;
import io.switchboard.admin.acd.LateDialer;
import io.switchboard.ivr.asterisk.AgiLegSettings;
import io.switchboard.ivr.asterisk.AgiLimits;
import io.switchboard.ivr.asterisk.AsteriskDevices;
import io.switchboard.ivr.asterisk.AsteriskDialer;
import io.switchboard.ivr.asterisk.AsteriskTransfers;
import io.switchboard.ivr.asterisk.AmiLink;
import io.switchboard.ivr.asterisk.AsteriskChannels;
import io.switchboard.ivr.asterisk.AsteriskSounds;
import io.switchboard.ivr.asterisk.FastAgiService;
import io.switchboard.ivr.flow.PublishedFlows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Switchboard on Asterisk (switchboard.asterisk.enabled=true): the FastAGI service that runs the published flows on
 * Asterisk's channels through the same Hotline as SIP calls (queues, call backs and hand-offs included), after
 * checking Asterisk's sounds for their prompts; and, with an AMI host, the link that follows Asterisk's channels,
 * the agents' devices (their phones on Asterisk) and the ACD's originated calls to them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "switchboard.asterisk.enabled", havingValue = "true")
public class AsteriskConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AsteriskConfiguration.class);
    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** How long an answered agent or customer may hear music before Asterisk ends the channel unbridged. */
    private static final java.time.Duration PARKED_AT_MOST = java.time.Duration.ofMinutes(10);
    /** How long a transfer's destination may ring. */
    private static final java.time.Duration TRANSFER_RING = java.time.Duration.ofSeconds(30);

    /**
     * A flow's {@code transfer} on Asterisk's calls: Asterisk dials the agent's device or the number (through the
     * outbound route) from the caller's channel; the built-in endpoint's calls have no transfers yet.
     */
    @Bean
    TransferPort asteriskTransfers(AsteriskProperties properties, Acd acd) {
        return new AsteriskTransfers(id -> acd.agentDirectory().definitions().containsKey(id),
                properties.agentDevice(), properties.outboundRoute(), TRANSFER_RING,
                TransferPort.UNAVAILABLE);
    }

    /** Channels and bridges as AMI tells them (empty without AMI). */
    @Bean
    AsteriskChannels asteriskChannels() {
        return new AsteriskChannels();
    }

    /**
     * The FastAGI service: Asterisk's calls run through the server's one Hotline. Without an AMI link no agent can be
     * rung on Asterisk, so its calls get a Hotline of their own whose queue port is unavailable: a queue step takes
     * its {@code unavailable} branch at once instead of holding a caller no agent could reach.
     */
    @Bean(destroyMethod = "close")
    FastAgiService fastAgiService(AsteriskProperties properties, PublishedFlows flows, Hotline server,
            AsteriskChannels channels, CallWriter writer, CalendarOverrides overrides, Acd acd,
            TransferPort transfers) throws IOException {
        checkSounds(properties, flows);
        Hotline hotline = server;
        if (properties.ami().host().isBlank()) {
            log.info("No AMI link: queue steps on Asterisk's calls take their unavailable branch");
            hotline = new Hotline(flows, writer, new FlowInterpreter(Clock.systemUTC(), overrides,
                    FlowServices.UNAVAILABLE.withCallbacks(acd.callbackPort()).withTransfers(transfers),
                    FlowInterpreter.DEFAULT_STEP_LIMIT));
        }
        if (!WORD.matcher(properties.musicClass()).matches()) {
            throw new IllegalArgumentException("switchboard.asterisk.music-class '" + properties.musicClass()
                    + "' is not a music-on-hold class name (letters, digits, '-' and '_')");
        }
        var agi = properties.agi();
        AgiLimits limits = new AgiLimits(agi.maxLineLength(), AgiLimits.DEFAULT.maxLinesPerTurn(),
                agi.readTimeout(), agi.maxSessions());
        FastAgiService service = new FastAgiService(InetAddress.getByName(agi.bind()), agi.port(), limits,
                hotline::handle, flows, Clock.systemUTC(), new AgiLegSettings(properties.recordingsDir(),
                        properties.musicClass(), channels));
        try {
            service.start();
        } catch (IOException e) {
            throw new UncheckedIOException("FastAGI cannot listen on " + agi.bind() + ":" + agi.port()
                    + " (switchboard.asterisk.agi.bind/port): " + e.getMessage(), e);
        }
        return service;
    }

    /**
     * The AMI link, when switchboard.asterisk.ami.host is set (its secret comes from the environment only), with the
     * agents' devices and the ACD's dialer on Asterisk.
     */
    @Bean(destroyMethod = "close")
    AutoCloseable amiLink(AsteriskProperties properties, FastAgiService agi, AsteriskChannels channels, Acd acd,
            LateDialer acdDialer, org.springframework.core.env.Environment env) {
        var ami = properties.ami();
        if (ami.host().isBlank()) {
            log.info("switchboard.asterisk.ami.host is not set: no AMI link (hang-ups come over FastAGI alone, and"
                    + " no agent is rung on Asterisk)");
            return () -> { };
        }
        String secret = env.getProperty(AsteriskProperties.AMI_SECRET_VARIABLE, "");
        if (secret.isEmpty()) {
            throw new IllegalStateException("switchboard.asterisk.ami.host is set but " + AsteriskProperties
                    .AMI_SECRET_VARIABLE + " is not: set the AMI secret in the environment");
        }
        if (!properties.outboundRoute().isBlank() && !properties.outboundRoute().contains("{number}")) {
            throw new IllegalArgumentException("switchboard.asterisk.outbound-route '" + properties.outboundRoute()
                    + "' has no {number}");
        }
        AsteriskDialer.checkDialString("switchboard.asterisk.outbound-route", properties.outboundRoute());
        AsteriskDialer.checkDialString("switchboard.asterisk.agent-device", properties.agentDevice());
        AmiLink link = new AmiLink(ami.host(), ami.port(), ami.user(), secret, agi.sessions(), channels,
                Clock.systemUTC(), ami.firstBackoff(), ami.maxBackoff());
        AsteriskDevices devices = new AsteriskDevices(link, acd.agentPhones(),
                () -> acd.agentDirectory().definitions().keySet(), properties.agentDevice(),
                properties.deviceRefresh(), Clock.systemUTC());
        acdDialer.connectAsterisk(new AsteriskDialer(link, properties.outboundRoute(), properties.musicClass(),
                PARKED_AT_MOST, Clock.systemUTC()));
        link.start();
        log.info("Asterisk agents' phones are {}; call backs dial {}", properties.agentDevice(),
                properties.outboundRoute().isBlank() ? "through the built-in endpoint" : properties.outboundRoute());
        return () -> {
            devices.close();
            link.close();
        };
    }

    private static void checkSounds(AsteriskProperties properties, PublishedFlows flows) {
        if (properties.soundsDir() == null) {
            log.info("switchboard.asterisk.sounds-dir is not set: the flows' prompts are not checked against"
                    + " Asterisk's sounds");
            return;
        }
        List<String> missing = new AsteriskSounds(properties.soundsDir()).missingFor(flows.all().values());
        if (missing.isEmpty()) {
            log.info("Asterisk sounds in {} hold every prompt the published flows play",
                    properties.soundsDir().toAbsolutePath());
            return;
        }
        log.warn("Asterisk sounds in {} lack {} prompt(s) the published flows play; callers will hear nothing in"
                + " their place:", properties.soundsDir().toAbsolutePath(), missing.size());
        missing.stream().limit(50).forEach(m -> log.warn("  {}", m));
        if (missing.size() > 50) {
            log.warn("  … and {} more", missing.size() - 50);
        }
    }
}
