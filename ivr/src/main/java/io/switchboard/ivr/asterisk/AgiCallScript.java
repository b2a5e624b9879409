package io.switchboard.ivr.asterisk;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.flow.FlowCatalogue;
import io.switchboard.ivr.flow.PublishedFlow;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs for each FastAGI request: the flow the AGI URL names (a flow id, or a dialled number as the built-in
 * endpoint's numbers map it), pinned for the call, on an {@link AgiCall}, through the same runner as a SIP call
 * ({@code Hotline}), so the call is recorded the same way. No flow: the channel variable {@code SWITCHBOARD_STATUS} is set to
 * {@code NOT_FOUND} and the dialplan goes on.
 */
final class AgiCallScript implements AgiScript {

    /** The channel variable that tells the dialplan what happened. */
    static final String STATUS_VARIABLE = "SWITCHBOARD_STATUS";

    private static final Logger log = LoggerFactory.getLogger(AgiCallScript.class);

    private final FlowRunner runner;
    private final FlowCatalogue flows;
    private final Clock clock;
    private final AgiLegSettings settings;
    private final AgiSessions sessions;

    AgiCallScript(FlowRunner runner, FlowCatalogue flows, Clock clock, AgiLegSettings settings, AgiSessions sessions) {
        this.runner = runner;
        this.flows = flows;
        this.clock = clock;
        this.settings = settings;
        this.sessions = sessions;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        AgiChannelFacts facts = AgiChannelFacts.of(request);
        Optional<PublishedFlow> flow = facts.target().isEmpty() ? flows.forNumber(facts.dialed())
                : flows.byId(facts.target()).or(() -> flows.forNumber(facts.dialed()));
        if (flow.isEmpty()) {
            log.warn("Asterisk channel {} asked for '{}' (dialled {}): no flow serves it", facts.channel(),
                    facts.target(), facts.dialed());
            channel.setVariable(STATUS_VARIABLE, "NOT_FOUND");
            return;
        }
        CallFacts callFacts = new CallFacts(UUID.randomUUID().toString(), facts.callerId(), facts.dialed(),
                clock.instant());
        AgiCall call = new AgiCall(callFacts, facts, new AgiCommands(channel, sessions.socket()), clock,
                settings);
        sessions.started(call);
        log.info("call {}: Asterisk channel {} (uniqueid {}) from '{}' runs flow {} v{}", callFacts.callId(),
                facts.channel(), facts.uniqueId(), facts.callerId(), flow.get().id(), flow.get().version());
        try {
            runner.run(call, flow.get());
        } catch (RuntimeException e) {
            log.error("call {}: handler failed", callFacts.callId(), e);
        } finally {
            if (!call.isGone()) {
                call.hangup();
            }
            sessions.ended(call);
        }
    }
}
