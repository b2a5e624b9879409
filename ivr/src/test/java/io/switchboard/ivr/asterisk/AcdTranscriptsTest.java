package io.switchboard.ivr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.testing.AsteriskTranscript;
import io.switchboard.ivr.testing.AsteriskTranscript.Line;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ACD transcripts recorded from a real Asterisk 20.20.1 ({@code asterisk/*-acd-*.txt}) load, keep AMI's CRLFs,
 * and say what the ACD over Asterisk relies on: an Originate's {@code ChannelId} becomes the channel's unique id, the
 * {@code OriginateResponse} reasons per outcome, Hangup and Bridge by unique id, and the AGI replies around
 * {@code EXEC Bridge}.
 */
class AcdTranscriptsTest {

    @Test
    void everyAmiLineFromAsteriskEndsInCrlf() {
        for (String name : List.of("devicestate", "devicestate-nocallcounter", "originate-answered",
                "originate-noanswer", "originate-busy", "originate-unregistered", "originate-unknown", "hangup",
                "bridge-agent-hangs-up", "bridge-caller-hangs-up", "bridge-action", "bridge-local",
                "bridge-local-prefix-trap")) {
            AsteriskTranscript t = AsteriskTranscript.load("ami-acd-" + name + "-20.20.1.txt");
            assertThat(t.lines()).as(name).hasSizeGreaterThan(20);
            assertThat(t.lines()).as(name).filteredOn(Line::fromAsterisk).extracting(Line::text)
                    .allMatch(text -> text.endsWith("\r\n"));
            assertThat(t.lines().getFirst().text()).isEqualTo("Asterisk Call Manager/9.0.0\r\n");
        }
    }

    @Test
    void theOriginateResponseSaysHowTheOfferEnded() {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String outcome : List.of("answered", "noanswer", "busy", "unregistered", "unknown")) {
            Map<String, String> response = event(load("originate-" + outcome), "OriginateResponse");
            assertThat(response).containsEntry("Uniqueid", "sb-offer-" + outcome);
            reasons.put(outcome, response.get("Response") + " " + response.get("Reason"));
        }
        assertThat(reasons).containsExactly(Map.entry("answered", "Success 4"), Map.entry("noanswer", "Failure 3"),
                Map.entry("busy", "Failure 5"), Map.entry("unregistered", "Failure 0"),
                Map.entry("unknown", "Failure 0"));
        assertThat(event(load("originate-answered"), "Newchannel")).containsEntry("Uniqueid", "sb-offer-answered");
        assertThat(events(load("originate-unregistered"))).extracting(e -> e.get("Event"))
                .doesNotContain("Newchannel");
    }

    @Test
    void deviceStateFollowsTheAgentsPhoneOnlyWithCallCounting() {
        assertThat(sip1001States(load("devicestate")))
                .containsExactly("UNAVAILABLE", "NOT_INUSE", "RINGING", "RINGING", "NOT_INUSE", "RINGING", "RINGING",
                        "INUSE", "NOT_INUSE", "UNAVAILABLE");
        assertThat(sip1001States(load("devicestate-nocallcounter")))
                .containsExactly("UNAVAILABLE", "NOT_INUSE", "NOT_INUSE", "NOT_INUSE", "UNAVAILABLE");
    }

    @Test
    void hangupFindsAChannelByItsUniqueId() {
        List<Map<String, String>> replies = events(load("hangup")).stream()
                .filter(m -> m.containsKey("Response") && !m.containsKey("Event")).toList();
        assertThat(replies).extracting(m -> m.get("Message")).containsSubsequence("Channel Hungup", "Channel Hungup",
                "No such channel", "Channel Hungup");
    }

    @Test
    void bridgeTakesUniqueIdsOnAmiAndInTheAgiApplication() {
        assertThat(load("bridge-action").reply("Message: Channel")).isEqualTo("Message: Channel2 does not exist: "
                + "sb-no-such-id\r\n");
        assertThat(load("bridge-action").reply("Message: Channels")).isEqualTo("Message: Channels have been "
                + "bridged\r\n");
        AsteriskTranscript agentLeft = AsteriskTranscript.load("agi-acd-bridge-agent-hangs-up-20.20.1.txt");
        assertThat(agentLeft.reply("200 result=1 (")).isEqualTo("200 result=1 (NONEXISTENT)\n");
        assertThat(repliesTo(agentLeft, "EXEC Bridge sb-agent-agent,x\n")).containsExactly("200 result=0\n");
        assertThat(repliesTo(agentLeft, "GET VARIABLE BRIDGERESULT\n")).containsExactly(
                "200 result=1 (NONEXISTENT)\n", "200 result=1 (SUCCESS)\n");
        AsteriskTranscript callerLeft = AsteriskTranscript.load("agi-acd-bridge-caller-hangs-up-20.20.1.txt");
        assertThat(repliesTo(callerLeft, "EXEC Bridge sb-agent-caller,x\n")).containsExactly("200 result=0\n");
        assertThat(callerLeft.reply("HANGUP")).isEqualTo("HANGUP\n");
        assertThat(repliesTo(callerLeft, "CHANNEL STATUS\n")).containsExactly(
                "511 Command Not Permitted on a dead channel or intercept routine\n");
    }

    @Test
    void bridgeFindsChannelsByUniqueIdPrefixSoIdsMustNotBePrefixesOfOneAnother() {
        assertThat(enteredTheAgentsBridge(load("bridge-local-prefix-trap")))
                .as("Channel2 sb-cbl-customer: the ;2 half, sb-cbl-customer-2, was taken")
                .containsExactly("sb-cbl-agent", "sb-cbl-customer-2");
        List<String> entered = enteredTheAgentsBridge(load("bridge-local"));
        assertThat(entered).startsWith("sb-cbl-agent", "sb-cbl-customer-1").hasSize(3);
        assertThat(entered.get(2)).as("the trunk channel swapped in by the Local channel's optimization")
                .matches("\\d+\\.\\d+");
    }

    private static List<String> enteredTheAgentsBridge(AsteriskTranscript t) {
        List<Map<String, String>> entries = events(t).stream().filter(m -> "BridgeEnter".equals(m.get("Event")))
                .toList();
        String bridge = entries.stream().filter(m -> "sb-cbl-agent".equals(m.get("Uniqueid"))).findFirst()
                .orElseThrow().get("BridgeUniqueid");
        return entries.stream().filter(m -> bridge.equals(m.get("BridgeUniqueid"))).map(m -> m.get("Uniqueid"))
                .toList();
    }

    private static AsteriskTranscript load(String name) {
        return AsteriskTranscript.load("ami-acd-" + name + "-20.20.1.txt");
    }

    /** The messages from Asterisk, each as its fields (first value of a repeated field), banner left out. */
    private static List<Map<String, String>> events(AsteriskTranscript t) {
        List<Map<String, String>> messages = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (Line line : t.lines()) {
            if (!line.fromAsterisk() || line.text().startsWith("Asterisk Call Manager/")) {
                continue;
            }
            if (line.text().equals("\r\n")) {
                messages.add(current);
                current = new LinkedHashMap<>();
                continue;
            }
            int colon = line.text().indexOf(": ");
            String key = colon < 0 ? line.text().strip() : line.text().substring(0, colon);
            String value = colon < 0 ? "" : line.text().substring(colon + 2).strip();
            current.putIfAbsent(key, value);
        }
        return messages;
    }

    private static Map<String, String> event(AsteriskTranscript t, String name) {
        return events(t).stream().filter(m -> name.equals(m.get("Event"))).findFirst().orElseThrow();
    }

    private static List<String> sip1001States(AsteriskTranscript t) {
        return events(t).stream().filter(m -> "DeviceStateChange".equals(m.get("Event")))
                .filter(m -> "SIP/1001".equals(m.get("Device"))).map(m -> m.get("State")).toList();
    }

    /** The line Asterisk answered right after each time {@code command} was sent, AGI's async HANGUP skipped. */
    private static List<String> repliesTo(AsteriskTranscript t, String command) {
        List<String> replies = new ArrayList<>();
        List<Line> lines = t.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).fromAsterisk() && lines.get(i).text().equals(command)) {
                lines.subList(i + 1, lines.size()).stream()
                        .filter(l -> l.fromAsterisk() && !l.text().equals("HANGUP\n")).findFirst()
                        .ifPresent(l -> replies.add(l.text()));
            }
        }
        return replies;
    }
}
