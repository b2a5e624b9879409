package io.switchboard.ivr.sip;

import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.ivr.call.AgentPhones;
import io.switchboard.speech.sip.DigestResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The ACD's side of the registrar as tests need it: agents and their passwords, feature codes and what they play,
 * and every registration change noted in order ("registered 1001 sip:1001@127.0.0.1:5070", "unregistered …").
 */
final class TestAgentPhones implements AgentPhones {

    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, List<PromptRef>> codes = new ConcurrentHashMap<>();
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    TestAgentPhones agent(String id, String password) {
        passwords.put(id, password);
        return this;
    }

    TestAgentPhones withFeatureCode(String code, String prompt) {
        codes.put(code, List.of(new PromptRef(prompt)));
        return this;
    }

    @Override
    public Optional<String> digestHa1(String user, String realm) {
        return Optional.ofNullable(passwords.get(user)).map(p -> DigestResponse.ha1(user, realm, p));
    }

    @Override
    public void registered(String agentId, String contact, Instant expires) {
        expiries.put(agentId + " " + contact, expires);
        events.add("registered " + agentId + " " + contact);
    }

    @Override
    public void unregistered(String agentId, String contact) {
        events.add("unregistered " + agentId + " " + contact);
    }

    @Override
    public Optional<List<PromptRef>> featureCode(String agentId, String code) {
        Optional<List<PromptRef>> prompts = Optional.ofNullable(codes.get(code));
        prompts.ifPresent(p -> events.add("feature " + agentId + " " + code));
        return prompts;
    }

    /** The next event, or fails after {@code timeout}. */
    String next(Duration timeout) throws InterruptedException {
        String e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no registration event within " + timeout);
        }
        return e;
    }
}
