package io.switchboard.ivr.acd;

import static io.switchboard.ivr.acd.AcdHarness.agent;
import static io.switchboard.ivr.acd.AcdHarness.eventually;
import static io.switchboard.ivr.acd.AcdHarness.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.QueuePort;
import io.switchboard.ivr.handoff.Handoff;
import io.switchboard.ivr.handoff.HandoffOutbox;
import io.switchboard.ivr.handoff.HandoffRules;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat overflow in the ACD on a real PostgreSQL: the chat key leaves the phone queue with CHATOVERFLOW (never an
 * abandon) and, with a {@code chat} rule, the hand-off to the chat service is stored with that event.
 */
class ChatOverflowIT {

    @RegisterExtension
    static final AcdDatabase DB = new AcdDatabase(ChatOverflowIT.class);

    @TempDir
    Path dir;
    private Acd acd;

    @AfterEach
    void stop() {
        if (acd != null) {
            acd.close();
        }
    }

    private static QueuePort.QueueRequest offeringChat(int priority) {
        return new QueuePort.QueueRequest("billing", Map.of(), priority, Duration.ofMinutes(5), Set.of('*'),
                List.of(), Duration.ZERO, null).withChat(new QueuePort.ChatOffer(Duration.ZERO,
                        Duration.ofMinutes(1), '2', List.of(new PromptRef("chat-offer"))));
    }

    @Test
    void theChatKeyLeavesTheQueueWithChatOverflowAndHandsTheCallerToChatInThatTransaction() throws Exception {
        new HandoffRules(DB.database().dataSource()).replace(Map.of("chat", "chatwoot"));
        acd = AcdHarness.start(dir, "n1", DB.database(), new ScriptedDialer());
        agent(acd, "1001", Map.of("billing", 1), AgentActivity.NOT_READY); // serving, not free: the caller waits
        ScriptedLeg caller = new ScriptedLeg("chat-1", "+15550100");
        var waiting = AcdHarness.waitIn(acd, offeringChat(7), caller);
        eventually("the chat offer is played", () -> caller.heard().contains("chat-offer"));
        caller.press('1'); // not the chat key: ignored
        caller.press('2');
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(new QueuePort.QueueResult.ChatChosen());

        List<QueueEvent> chat = events(acd, "CHATOVERFLOW");
        assertThat(chat).hasSize(1);
        assertThat(chat.getFirst().callId()).isEqualTo("chat-1");
        assertThat(chat.getFirst().data()).as("position|origposition|wait|priority").hasSize(4)
                .startsWith("1", "1").endsWith("7");
        assertThat(events(acd, "ABANDON")).as("leaving for chat is not an abandon").isEmpty();
        assertThat(events(acd, "EXITWITHKEY")).isEmpty();

        List<Handoff> handoffs = new HandoffOutbox(DB.database().dataSource(), Clock.systemUTC()).ofCall("chat-1");
        assertThat(handoffs).hasSize(1);
        Handoff h = handoffs.getFirst();
        assertThat(List.of(h.integration(), h.target(), h.caller(), h.state()))
                .containsExactly("chatwoot", "chat", "+15550100", Handoff.PENDING);
        assertThat(h.payload()).containsEntry("queue", "billing").containsEntry("priority", "7")
                .containsEntry("event", "CHATOVERFLOW").containsEntry("wait", chat.getFirst().data(3))
                .containsEntry("caller", "+15550100");
    }

    @Test
    void withoutAChatRuleTheCallerStillLeavesForChatButNothingIsHandedOff() throws Exception {
        new HandoffRules(DB.database().dataSource()).replace(Map.of());
        acd = AcdHarness.start(dir, "n2", DB.database(), new ScriptedDialer());
        agent(acd, "1002", Map.of("billing", 1), AgentActivity.NOT_READY);
        ScriptedLeg caller = new ScriptedLeg("chat-2", "+15550102");
        var waiting = AcdHarness.waitIn(acd, offeringChat(0), caller);
        eventually("the chat offer is played", () -> caller.heard().contains("chat-offer"));
        caller.press('2');
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(new QueuePort.QueueResult.ChatChosen());
        assertThat(events(acd, "CHATOVERFLOW")).extracting(QueueEvent::callId).contains("chat-2");
        assertThat(new HandoffOutbox(DB.database().dataSource(), Clock.systemUTC()).ofCall("chat-2")).isEmpty();
    }
}
