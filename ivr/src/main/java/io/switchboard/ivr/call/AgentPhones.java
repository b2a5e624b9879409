package io.switchboard.ivr.call;

import io.switchboard.callflow.engine.PromptRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a carrier's registrar asks of the ACD about agents' phones: the digest secret an agent's phone must prove it
 * knows, where a phone registered, and what a feature code dialled from it means. The ACD implements it; the built-in
 * SIP endpoint calls it for REGISTER and for INVITEs from agents' phones to feature codes.
 */
public interface AgentPhones {

    /**
     * The digest secret of the SIP user {@code user} in {@code realm}: HA1 = MD5(user ":" realm ":" password), in lower
     * case hex, as RFC 7616 / 2617 define it. Empty when no agent has that user name (the registrar then answers as it
     * does for a wrong password, so user names cannot be probed).
     */
    Optional<String> digestHa1(String user, String realm);

    /** A phone proved it is {@code agentId} and registered at {@code contact} until {@code expires}. */
    void registered(String agentId, String contact, Instant expires);

    /** The agent's phone unregistered (Expires: 0) or its registration lapsed. */
    void unregistered(String agentId, String contact);

    /**
     * An authenticated agent dialled {@code code} (for example {@code *51}) from their phone. Returns what to play to
     * them before hanging up (a confirmation or why not), or empty when {@code code} is no feature code (the call is
     * then refused with 404).
     */
    Optional<List<PromptRef>> featureCode(String agentId, String code);

    /** No agents: every REGISTER is refused. */
    AgentPhones NONE = new AgentPhones() {
        @Override
        public Optional<String> digestHa1(String user, String realm) {
            return Optional.empty();
        }

        @Override
        public void registered(String agentId, String contact, Instant expires) {
        }

        @Override
        public void unregistered(String agentId, String contact) {
        }

        @Override
        public Optional<List<PromptRef>> featureCode(String agentId, String code) {
            return Optional.empty();
        }
    };
}
