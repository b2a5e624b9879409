package io.switchboard.ivr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.call.AgentPhones;
import io.switchboard.ivr.call.Carrier;
import io.switchboard.ivr.call.Dialer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.junit.jupiter.api.Test;

/**
 * The small decisions of the ACD on Asterisk, apart from sockets: what an OriginateResponse means, how the call's
 * context becomes channel variables, which device belongs to which agent, and which carrier a contact is on.
 */
class AsteriskAcdPartsTest {

    private static final AmiLink NOWHERE = new AmiLink("127.0.0.1", 1, "switchboard", "secret",
            new AgiSessions(1), new AsteriskChannels(), Clock.systemUTC(), Duration.ofSeconds(1),
            Duration.ofSeconds(1));

    private static OriginateResponseEvent response(String response, int reason) {
        OriginateResponseEvent e = new OriginateResponseEvent(NOWHERE);
        e.setResponse(response);
        e.setReason(reason);
        e.setChannel("PJSIP/1001");
        return e;
    }

    private static OriginatedChannel leg() {
        return new OriginatedChannel(new CallFacts("switchboard-1", "5550100", "PJSIP/1001", Instant.now()),
                NOWHERE, Clock.systemUTC());
    }

    @Test
    void anOriginateResponseTellsAnsweredNoAnswerBusyOrFailedAsAsteriskReasonsMeanThem() {
        OriginatedChannel leg = leg();
        assertThat(AsteriskDialer.outcome(response("Success", 4), leg)).isEqualTo(new Dialer.Dialled.Answered(leg));
        assertThat(AsteriskDialer.outcome(response("Failure", 3), leg)).isEqualTo(new Dialer.Dialled.NoAnswer());
        assertThat(AsteriskDialer.outcome(response("Failure", 5), leg)).isEqualTo(new Dialer.Dialled.Busy());
        assertThat(AsteriskDialer.outcome(response("Failure", 1), leg)).as("declined while ringing")
                .isEqualTo(new Dialer.Dialled.Busy());
        assertThat(AsteriskDialer.outcome(response("Failure", 0), leg)).isInstanceOf(Dialer.Dialled.Failed.class);
        assertThat(AsteriskDialer.outcome(response("Failure", 8), leg)).as("congestion")
                .isInstanceOf(Dialer.Dialled.Failed.class);
    }

    @Test
    void anAnswerForAChannelThatAlreadyHungUpIsNoAnswerToBridge() {
        OriginatedChannel leg = leg();
        leg.hungUp();
        assertThat(AsteriskDialer.outcome(response("Success", 4), leg)).isInstanceOf(Dialer.Dialled.Failed.class);
        assertThat(leg.end()).hasValueSatisfying(e -> assertThat(e.hungUpBy().name()).isEqualTo("CALLER"));
    }

    @Test
    void theCallsContextBecomesSingleLineBoundedChannelVariables() {
        assertThat(AsteriskDialer.variableName("Call-Id")).isEqualTo("SWITCHBOARD_CALL_ID");
        assertThat(AsteriskDialer.variableName("account.name")).isEqualTo("SWITCHBOARD_ACCOUNT_NAME");
        assertThat(AsteriskDialer.variableValue("a\r\nAction: Hangup\r\nChannel: x,y|z"))
                .doesNotContain("\r", "\n", ",", "|");
        assertThat(AsteriskDialer.variableValue("x".repeat(1000))).hasSize(AsteriskDialer.MAX_VARIABLE);
    }

    @Test
    void aDeviceBelongsToTheAgentTheTemplateNamesAndNoOtherDevice() {
        try (AsteriskDevices devices = new AsteriskDevices(NOWHERE, AgentPhones.NONE, Set::of, "PJSIP/{agent}",
                Duration.ofMinutes(1), Clock.systemUTC())) {
            assertThat(devices.deviceOf("1001")).isEqualTo("PJSIP/1001");
            assertThat(devices.agentOf("PJSIP/1001")).contains("1001");
            assertThat(devices.agentOf("pjsip/1002")).as("Asterisk spells technologies either way").contains("1002");
            assertThat(devices.agentOf("SIP/1001")).isEmpty();
            assertThat(devices.agentOf("PJSIP/1001/extra")).isEmpty();
            assertThat(devices.agentOf("Local/1001@agents")).isEmpty();
            assertThat(devices.agentOf(null)).isEmpty();
        }
        assertThatThrownBy(() -> new AsteriskDevices(NOWHERE, AgentPhones.NONE, Set::of, "PJSIP/1001",
                Duration.ofMinutes(1), Clock.systemUTC())).hasMessageContaining("{agent}");
    }

    @Test
    void aLocalChannelThatAsteriskWouldOptimizeAwayIsRefusedAndOneWithSlashNIsKept() {
        assertThatThrownBy(() -> AsteriskDialer.checkDialString("switchboard.asterisk.outbound-route",
                "Local/{number}@outbound")).hasMessageContaining("/n");
        AsteriskDialer.checkDialString("switchboard.asterisk.outbound-route", "Local/{number}@outbound/n");
        AsteriskDialer.checkDialString("switchboard.asterisk.outbound-route", "PJSIP/{number}@trunk");
        AsteriskDialer.checkDialString("switchboard.asterisk.agent-device", "PJSIP/{agent}");
    }

    @Test
    void theOriginateNamesBothHalvesOfALocalChannelWithIdsNeitherOfWhichPrefixesTheOther() {
        AsteriskDialer.TwoIdOriginate action = new AsteriskDialer.TwoIdOriginate("switchboard2-1");
        action.setChannelId("switchboard-1");
        assertThat(action.getOtherChannelId()).doesNotStartWith(action.getChannelId());
        assertThat(action.getChannelId()).doesNotStartWith(action.getOtherChannelId());
    }

    @Test
    void aDialWhileTheAmiLinkIsDownFailsAtOnceAndKeepsNoChannel() throws Exception {
        AsteriskDialer dialer = new AsteriskDialer(NOWHERE, "PJSIP/{number}@trunk", "default", Duration.ofMinutes(10),
                Clock.systemUTC());
        Dialer.Dialled agent = dialer.dial(new Dialer.DialTarget.AgentPhone("1001", "PJSIP/1001"), "5550100",
                Map.of("Queue", "general"), Duration.ofSeconds(15)).get(5, TimeUnit.SECONDS);
        assertThat(agent).isInstanceOfSatisfying(Dialer.Dialled.Failed.class,
                f -> assertThat(f.reason()).contains("down"));
        assertThat(dialer.channels()).isEmpty();
        assertThat(dialer.numbersCarrier()).isEqualTo(Carrier.ASTERISK);
        AsteriskDialer noRoute = new AsteriskDialer(NOWHERE, "", "default", Duration.ofMinutes(10), Clock.systemUTC());
        assertThat(noRoute.numbersCarrier()).isEqualTo(Carrier.SIP);
        assertThat(noRoute.dial(new Dialer.DialTarget.Number("5550100"), "100", Map.of(),
                Duration.ofSeconds(15)).get()).isInstanceOf(Dialer.Dialled.Failed.class);
    }

    @Test
    void aContactIsOnTheCarrierThatCanRingIt() {
        assertThat(Carrier.ofContact("sip:1001@127.0.0.1:5070")).isEqualTo(Carrier.SIP);
        assertThat(Carrier.ofContact("SIPS:1001@example.com")).isEqualTo(Carrier.SIP);
        assertThat(Carrier.ofContact("PJSIP/1001")).isEqualTo(Carrier.ASTERISK);
        assertThat(Carrier.ofContact("SIP/1001")).as("chan_sip's device, not a SIP URI").isEqualTo(Carrier.ASTERISK);
    }
}
