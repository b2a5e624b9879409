package io.switchboard.ivr.acd;

import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.ivr.call.AgentPhones;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACD's answer to the registrar: digest secrets from the agents' hashed passwords (realm {@code switchboard}
 * only), registrations into PostgreSQL, and feature codes that change the agent's state. A code that works plays
 * {@code beep}; one the agent's state refuses plays {@code invalid}.
 */
final class AcdAgentPhones implements AgentPhones {

    private static final Logger log = LoggerFactory.getLogger(AcdAgentPhones.class);
    static final PromptRef DONE = new PromptRef("beep");
    static final PromptRef REFUSED = new PromptRef("invalid");

    private static final long REFRESH_AT_MOST_EVERY = java.time.Duration.ofSeconds(1).toNanos();

    private final AgentDirectory directory;
    private volatile long lastRefresh = System.nanoTime() - REFRESH_AT_MOST_EVERY;
    private final Registrations registrations;
    private final FeatureCodes codes;

    AcdAgentPhones(AgentDirectory directory, Registrations registrations, FeatureCodes codes) {
        this.directory = directory;
        this.registrations = registrations;
        this.codes = codes;
    }

    @Override
    public Optional<String> digestHa1(String user, String realm) {
        if (!AgentSecret.REALM.equals(realm)) {
            return Optional.empty();
        }
        AgentDefinition agent = directory.definitions().get(user);
        long now = System.nanoTime();
        if (agent == null && now - lastRefresh > REFRESH_AT_MOST_EVERY) {
            lastRefresh = now; // created on another node a moment ago? (at most once a second: unknown users are free)
            directory.refresh();
            agent = directory.definitions().get(user);
        }
        return agent == null ? Optional.empty() : Optional.of(agent.secret().digestHa1());
    }

    @Override
    public void registered(String agentId, String contact, Instant expires) {
        registrations.register(agentId, contact, expires);
    }

    @Override
    public void unregistered(String agentId, String contact) {
        registrations.unregister(agentId, contact);
    }

    @Override
    public Optional<List<PromptRef>> featureCode(String agentId, String code) {
        return codes.action(code).map(action -> {
            try {
                directory.setState(agentId, action.activity(), action.reason());
                return List.of(DONE);
            } catch (AgentStateException | AgentInputException e) {
                log.info("Feature code {} from agent {} refused: {}", code, agentId, e.getMessage());
                return List.of(REFUSED);
            }
        });
    }
}
