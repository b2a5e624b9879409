package io.switchboard.admin.asterisk;

import io.switchboard.callflow.calendar.CalendarOverrides;
import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowServices;
import io.switchboard.ivr.Hotline;
import io.switchboard.ivr.acd.Acd;
import io.switchboard.ivr.store.CallWriter;
import io.switchboard.ivr.asterisk.AgiLimits;
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
 * Asterisk's channels through the same Hotline as SIP calls, after checking Asterisk's sounds for their prompts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "switchboard.asterisk.enabled", havingValue = "true")
public class AsteriskConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AsteriskConfiguration.class);

    /**
     * The FastAGI service. Its calls run through a Hotline of their own whose queue port is unavailable: the ACD
     * cannot bridge an Asterisk channel to an agent yet, so a queue step takes its {@code unavailable} branch instead
     * of ringing agents it could never connect (docs/asterisk.md). Call backs are booked as for SIP callers (the
     * ACD dials them through the outbound route).
     */
    @Bean(destroyMethod = "close")
    FastAgiService fastAgiService(AsteriskProperties properties, PublishedFlows flows, CallWriter writer,
            CalendarOverrides overrides, Acd acd) throws IOException {
        checkSounds(properties, flows);
        Hotline hotline = new Hotline(flows, writer, new FlowInterpreter(Clock.systemUTC(), overrides,
                FlowServices.UNAVAILABLE.withCallbacks(acd.callbackPort()), FlowInterpreter.DEFAULT_STEP_LIMIT));
        var agi = properties.agi();
        AgiLimits limits = new AgiLimits(agi.maxLineLength(), AgiLimits.DEFAULT.maxLinesPerTurn(),
                agi.readTimeout(), agi.maxSessions());
        FastAgiService service = new FastAgiService(InetAddress.getByName(agi.bind()), agi.port(), limits, hotline::handle,
                flows, Clock.systemUTC(), properties.recordingsDir());
        try {
            service.start();
        } catch (IOException e) {
            throw new UncheckedIOException("FastAGI cannot listen on " + agi.bind() + ":" + agi.port()
                    + " (switchboard.asterisk.agi.bind/port): " + e.getMessage(), e);
        }
        return service;
    }

    /** The AMI link, when switchboard.asterisk.ami.host is set; its secret comes from the environment only. */
    @Bean(destroyMethod = "close")
    AutoCloseable amiLink(AsteriskProperties properties, FastAgiService agi, org.springframework.core.env.Environment env) {
        var ami = properties.ami();
        if (ami.host().isBlank()) {
            log.info("switchboard.asterisk.ami.host is not set: no AMI link (hang-ups come over FastAGI alone)");
            return () -> { };
        }
        String secret = env.getProperty(AsteriskProperties.AMI_SECRET_VARIABLE, "");
        if (secret.isEmpty()) {
            throw new IllegalStateException("switchboard.asterisk.ami.host is set but " + AsteriskProperties
                    .AMI_SECRET_VARIABLE + " is not: set the AMI secret in the environment");
        }
        AmiLink link = new AmiLink(ami.host(), ami.port(), ami.user(), secret, agi.sessions(), new AsteriskChannels(),
                Clock.systemUTC(), ami.firstBackoff(), ami.maxBackoff());
        link.start();
        return link;
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
