package io.switchboard.admin.telephony;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.callflow.calendar.CalendarOverrides;
import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.ivr.Hotline;
import io.switchboard.ivr.call.Dialer;
import io.switchboard.ivr.flow.FlowFileWatcher;
import io.switchboard.ivr.flow.FlowVersionStore;
import io.switchboard.ivr.flow.PublishedFlows;
import java.time.Clock;
import io.switchboard.admin.acd.LateDialer;
import io.switchboard.callflow.engine.FlowServices;
import io.switchboard.ivr.acd.Acd;
import io.switchboard.ivr.sip.SipEndpoint;
import io.switchboard.ivr.sip.SipEndpointConfig;
import io.switchboard.ivr.store.CallWriter;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The calls side of the server: prompts, the flows and which numbers they answer, the Hotline that runs them, and
 * the built-in SIP endpoint that brings calls in; plus the health component that watches the SIP listener.
 */
@Configuration(proxyBeanMethods = false)
public class TelephonyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TelephonyConfiguration.class);

    @Bean
    PromptLibrary promptLibrary(SwitchboardProperties properties) {
        PromptLibrary library = PromptLibrary.load(properties.prompts().dir());
        log.info("{} prompts in {} ({})", library.all().size(), properties.prompts().dir().toAbsolutePath(),
                library.languages());
        return library;
    }

    /**
     * The flows files, checked and published as versions; fails start-up with every flow diagnostic
     * ({@code file:line:col: message}) when a flow file is broken.
     */
    @Bean
    PublishedFlows publishedFlows(SwitchboardProperties properties, DataSource dataSource) {
        var flows = properties.flows();
        PublishedFlows published = PublishedFlows.load(flows.dir(), flows.numbers(), flows.defaultFlow(),
                new FlowVersionStore(dataSource, Clock.systemUTC()));
        log.info("flows from {}: numbers {}, default '{}'", flows.dir().toAbsolutePath(), flows.numbers(),
                flows.defaultFlow());
        return published;
    }

    /** Publishes flow files as they change on disk (switchboard.flows.watch, default on). */
    @Bean(destroyMethod = "close")
    AutoCloseable flowFileWatcher(SwitchboardProperties properties, PublishedFlows flows) throws IOException {
        if (!properties.flows().watch()) {
            return () -> { };
        }
        return new FlowFileWatcher(properties.flows().dir(), flows, outcome -> { });
    }

    /** Manual calendar switches ("closed now", "open now"); those given at start-up are thrown at once. */
    @Bean
    CalendarOverrides calendarOverrides(SwitchboardProperties properties) {
        CalendarOverrides overrides = new CalendarOverrides();
        properties.calendars().forEach((calendar, state) -> {
            CalendarOverrides.Override override;
            try {
                override = io.switchboard.admin.calendar.CalendarSwitches.override(state.strip()
                        .toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("switchboard.calendars." + calendar + "=" + state
                        + ": write open-now or closed-now");
            }
            overrides.set(calendar, override);
            log.warn("calendar '{}' switched to {} by configuration until the server restarts", calendar, state);
        });
        return overrides;
    }

    /**
     * Runs flows with the ACD's queues and call backs and the hand-off outbox; the other ports answer "unavailable"
     * until they exist.
     */
    @Bean
    Hotline hotline(PublishedFlows flows, CallWriter writer, CalendarOverrides overrides, Acd acd,
            io.switchboard.ivr.handoff.HandoffDesk handoffs,
            io.switchboard.admin.handoff.HandoffProperties handoffProperties,
            org.springframework.beans.factory.ObjectProvider<io.switchboard.callflow.engine.TransferPort> transfers) {
        var queues = acd.queuePort();
        if (!handoffProperties.on().containsKey(io.switchboard.admin.handoff.HandoffProperties.CHAT)) {
            // nobody to hand a caller to: the queue steps' offer-chat is not made (docs/handoffs.md)
            log.info("queue steps offer no chat: switchboard.handoff.on.chat is not set");
            queues = queues.withoutChat();
        }
        // transfers: Asterisk's calls when Asterisk is configured; the built-in endpoint has none yet
        FlowServices services = FlowServices.UNAVAILABLE.withQueues(queues)
                .withCallbacks(acd.callbackPort()).withHandoffs(handoffs)
                .withTransfers(transfers.getIfAvailable(() -> io.switchboard.callflow.engine.TransferPort.UNAVAILABLE));
        return new Hotline(flows, writer, new FlowInterpreter(Clock.systemUTC(), overrides, services,
                FlowInterpreter.DEFAULT_STEP_LIMIT));
    }

    /** The built-in endpoint: callers in, agents' phones registering, outbound calls for the ACD. */
    @Bean(destroyMethod = "close")
    SipEndpoint sipEndpoint(SwitchboardProperties properties, PromptLibrary prompts, Hotline hotline, Acd acd,
            LateDialer acdDialer) {
        if (!io.switchboard.ivr.acd.AgentSecret.REALM.equals(properties.sip().realm())) {
            throw new IllegalArgumentException("switchboard.sip.realm is '" + properties.sip().realm() + "', but the"
                    + " agents' digest secrets are kept for the realm '" + io.switchboard.ivr.acd.AgentSecret.REALM
                    + "' only: no phone could register. Leave switchboard.sip.realm unset.");
        }
        var rtp = properties.rtp();
        SipEndpointConfig config = new SipEndpointConfig(properties.sip().bind(), properties.sip().port(),
                rtp.portMin(), rtp.portMax(), rtp.mediaTimeout(), rtp.source(), properties.sip().limits());
        SipEndpoint endpoint = new SipEndpoint(config, prompts, hotline, properties.recordings().dir(),
                acd.agentPhones(), properties.sip().registrar(), properties.outbound().route());
        log.info("recordings go to {}", properties.recordings().dir().toAbsolutePath());
        try {
            endpoint.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        acdDialer.connect(endpoint.dialer());
        return endpoint;
    }

    /** Outbound calls (agents' phones, call backs) through the built-in endpoint; the ACD's LateDialer leads here. */
    @Bean
    @org.springframework.context.annotation.Primary
    Dialer dialer(SipEndpoint endpoint) {
        return endpoint.dialer();
    }

    @Bean(destroyMethod = "")
    SipListener sipListener(SipEndpoint endpoint, SwitchboardProperties properties) {
        String address = "udp " + properties.sip().bind() + ":" + properties.sip().port();
        return new SipListener() {
            @Override
            public boolean isListening() {
                return endpoint.isListening();
            }

            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                endpoint.close();
            }
        };
    }

    @Bean
    SipHealthIndicator sipHealthIndicator(SipListener sipListener, SipEndpoint endpoint) {
        return new SipHealthIndicator(sipListener, endpoint::capacity);
    }

    /** Calls active, call capacity, refused INVITEs and dropped RTP by reason, in the Micrometer registry. */
    @Bean
    TelephonyMeters telephonyMeters(SipEndpoint endpoint) {
        return new TelephonyMeters(endpoint);
    }
}
