package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.QueuePort;
import io.switchboard.callflow.flowtest.FlowTestCommand;
import io.switchboard.callflow.lint.FlowLinter;
import io.switchboard.callflow.lint.PromptCatalog;
import io.switchboard.callflow.step.QueueStep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A queue step's {@code offer-chat:} and its {@code chat:} outcome: compiled, checked, linted and flow-tested. */
class ChatOfferTest {

    private static final String FLOW = """
            flow: q
            start: wait
            steps:
              wait:
                queue:
                  name: support
                  priority: 7
                  exit-keys: "*"
                  offer-callback: {key: "1"}
                  offer-chat: {when-wait-over: 2m, key: "2", prompt: [chat-offer]}
                  timeout: voicemail
                  exit-key: voicemail
                  callback: callback-thanks
                  chat: link-sent
              voicemail: {play: [leave-message], next: bye}
              callback-thanks: {play: [callback-scheduled], next: bye}
              link-sent: {play: [chat-link-sent], next: bye}
              bye: {hangup: {}}
            """;

    @TempDir
    Path dir;

    @Test
    void theChatOfferGoesToTheAcdWithTheQueueRequest() throws Exception {
        var queue = (QueueStep) FlowCompiler.compile("q.yaml", FLOW).step("wait").orElseThrow();
        assertThat(queue.request().chat()).isEqualTo(new QueuePort.ChatOffer(Duration.ofMinutes(2),
                Duration.ofMinutes(1), '2', List.of(new PromptRef("chat-offer"))));
        assertThat(queue.request().priority()).isEqualTo(7);
        assertThat(queue.chat()).isEqualTo("link-sent");
        assertThat(queue.targets()).contains("link-sent");
    }

    @Test
    void withoutAnOfferTheRequestOffersNoChat() throws Exception {
        var queue = (QueueStep) FlowCompiler.compile("q.yaml", FLOW.replace(
                "      offer-chat: {when-wait-over: 2m, key: \"2\", prompt: [chat-offer]}\n", "")
                .replace("      chat: link-sent\n", "")).step("wait").orElseThrow();
        assertThat(queue.request().chat()).isNull();
    }

    @Test
    void aChatOfferNeedsAChatStepAndAKeyOfItsOwn() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("q.yaml",
                "flow: q\nstart: w\nsteps:\n  w:\n    queue:\n      name: s\n      exit-keys: \"*\"\n"
                        + "      exit-key: w\n      timeout: w\n      offer-chat: {key: \"*\"}\n"));
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                "q.yaml:10:25: error: step 'w' queue: key * is an exit key too (hint: give the chat offer its own"
                        + " key)",
                "q.yaml:10:7: error: step 'w' queue: chat offered needs a chat step (hint: write chat:"
                        + " chat-link-sent)");
        FlowCompileException same = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile(
                "q.yaml", "flow: q\nstart: w\nsteps:\n  w:\n    queue:\n      name: s\n      timeout: w\n"
                        + "      callback: w\n      chat: w\n      offer-callback: {key: \"3\"}\n"
                        + "      offer-chat: {key: \"3\"}\n"));
        assertThat(same.diagnostics()).extracting(Object::toString).containsExactly(
                "q.yaml:11:25: error: step 'w' queue: key 3 is the offer-callback key too (hint: give the chat offer"
                        + " its own key)");
    }

    @Test
    void aServerWithoutAChatServiceMakesNoChatOffer() throws Exception {
        var queue = (QueueStep) FlowCompiler.compile("q.yaml", FLOW).step("wait").orElseThrow();
        List<QueuePort.QueueRequest> asked = new java.util.ArrayList<>();
        QueuePort acd = (request, call) -> {
            asked.add(request);
            return new QueuePort.QueueResult.TimedOut();
        };
        acd.withoutChat().queue(queue.request(), null);
        acd.queue(queue.request(), null);
        assertThat(asked.get(0).chat()).isNull();
        assertThat(asked.get(0).callback()).as("the rest of the request is kept").isEqualTo(queue.request()
                .callback());
        assertThat(asked.get(0).priority()).isEqualTo(7);
        assertThat(asked.get(1).chat()).isNotNull();
    }

    @Test
    void theDefaultKeyIsTwoAndTheDefaultPromptChatOffer() throws Exception {
        var queue = (QueueStep) FlowCompiler.compile("q.yaml", "flow: q\nstart: w\nsteps:\n  w:\n    queue:\n"
                + "      name: s\n      timeout: w\n      chat: w\n      offer-chat: {}\n").step("w").orElseThrow();
        assertThat(queue.request().chat()).isEqualTo(new QueuePort.ChatOffer(Duration.ZERO, Duration.ofMinutes(1),
                '2', List.of(new PromptRef("chat-offer"))));
    }

    @Test
    void theLinterKnowsTheOffersPromptAndItExists() throws Exception {
        var flow = FlowCompiler.compile("q.yaml", FLOW.replace("prompt: [chat-offer]", "prompt: [chat-ofer]"));
        assertThat(FlowLinter.lint(flow, PromptCatalog.directory(Path.of("../prompts"))).toString())
                .contains("chat-ofer");
        assertThat(FlowLinter.lint(FlowCompiler.compile("q.yaml", FLOW), PromptCatalog.directory(
                Path.of("../prompts")))).isEmpty();
    }

    @Test
    void aFlowTestMocksTheChatOutcome() throws Exception {
        Files.writeString(dir.resolve("q.yaml"), FLOW);
        Files.writeString(dir.resolve("t.yaml"), """
                flow: q.yaml
                cases:
                  - name: the caller takes the chat and hears that the link is sent
                    mocks: {queue: chat}
                    variables: {queue.outcome: chat}
                    script: [{expect: [chat-link-sent]}]
                  - name: a call back instead
                    mocks: {queue: callback}
                    script: [{expect: [callback-scheduled]}]
                  - name: the wait runs out
                    mocks: {queue: timeout}
                    script: [{expect: [leave-message]}]
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = FlowTestCommand.run(List.of(dir.resolve("t.yaml").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isZero();
        assertThat(text).contains("3 passed, 0 failed");
    }
}
