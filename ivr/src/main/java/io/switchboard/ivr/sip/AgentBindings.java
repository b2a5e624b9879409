package io.switchboard.ivr.sip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where agents' phones are registered: agent → contacts, each until its expiry. Bounded per agent (a further
 * contact replaces the agent's oldest, as when a phone restarts on a new port without unregistering) and in all (a
 * new contact beyond it is refused). Time is given by the caller, so lapses are tested without waiting.
 */
final class AgentBindings {

    /** One phone of one agent, registered until {@code expires}. */
    record Binding(String agentId, String contact, Instant expires) {}

    /** What a bind did. */
    sealed interface Bound {
        /** Bound; {@code replaced} is the agent's oldest binding, dropped to make room. */
        record Done(Optional<Binding> replaced) implements Bound {}

        /** Refused: the table holds as many bindings as allowed. */
        record Full() implements Bound {}
    }

    private final int perAgent;
    private final int total;
    private final Map<String, List<Binding>> byAgent = new HashMap<>();
    private int size;

    AgentBindings(int perAgent, int total) {
        this.perAgent = perAgent;
        this.total = total;
    }

    /** Binds (or refreshes) {@code contact} for {@code agentId} until {@code expires}. */
    synchronized Bound bind(String agentId, String contact, Instant expires) {
        List<Binding> list = byAgent.computeIfAbsent(agentId, k -> new ArrayList<>());
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).contact().equals(contact)) {
                list.set(i, new Binding(agentId, contact, expires));
                return new Bound.Done(Optional.empty());
            }
        }
        Optional<Binding> replaced = Optional.empty();
        if (list.size() >= perAgent) {
            Binding oldest = list.stream().min(Comparator.comparing(Binding::expires)).orElseThrow();
            list.remove(oldest);
            size--;
            replaced = Optional.of(oldest);
        } else if (size >= total) {
            if (list.isEmpty()) {
                byAgent.remove(agentId);
            }
            return new Bound.Full();
        }
        list.add(new Binding(agentId, contact, expires));
        size++;
        return new Bound.Done(replaced);
    }

    /** Removes one binding; empty when there was none. */
    synchronized Optional<Binding> unbind(String agentId, String contact) {
        List<Binding> list = byAgent.get(agentId);
        if (list == null) {
            return Optional.empty();
        }
        for (Binding b : list) {
            if (b.contact().equals(contact)) {
                list.remove(b);
                size--;
                if (list.isEmpty()) {
                    byAgent.remove(agentId);
                }
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** Removes all of an agent's bindings ({@code Contact: *}). */
    synchronized List<Binding> unbindAll(String agentId) {
        List<Binding> list = byAgent.remove(agentId);
        if (list == null) {
            return List.of();
        }
        size -= list.size();
        return List.copyOf(list);
    }

    /** The agent's current bindings. */
    synchronized List<Binding> of(String agentId) {
        return List.copyOf(byAgent.getOrDefault(agentId, List.of()));
    }

    /** Removes and returns every binding that expired by {@code now}. */
    synchronized List<Binding> lapse(Instant now) {
        List<Binding> gone = new ArrayList<>();
        var agents = byAgent.values().iterator();
        while (agents.hasNext()) {
            List<Binding> list = agents.next();
            list.removeIf(b -> {
                boolean expired = !b.expires().isAfter(now);
                if (expired) {
                    gone.add(b);
                }
                return expired;
            });
            if (list.isEmpty()) {
                agents.remove();
            }
        }
        size -= gone.size();
        return gone;
    }

    synchronized int size() {
        return size;
    }
}
