package io.switchboard.ivr.acd;

import io.switchboard.ivr.store.Transactions;
import io.switchboard.callflow.FlowCompileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The agents: defined by {@code agents.yaml} and the API, stored in PostgreSQL, with their states. This is what
 * {@code /api/agents} calls; it keeps the definitions in memory for routing and re-reads them from the database
 * when another node may have changed them ({@link #refresh()}).
 */
public final class AgentDirectory {

    private final Transactions storage;
    private final AgentStates states;
    private final Registrations registrations;
    private final Clock clock;
    private final Supplier<Set<String>> queueNames;
    private volatile Map<String, AgentDefinition> definitions = Map.of();
    private volatile List<String> notReadyReasons = AgentRoster.DEFAULT_REASONS;

    AgentDirectory(Transactions storage, AgentStates states, Registrations registrations, Clock clock,
            Supplier<Set<String>> queueNames) {
        this.storage = storage;
        this.states = states;
        this.registrations = registrations;
        this.clock = clock;
        this.queueNames = queueNames;
        refresh();
    }

    /**
     * Reads {@code file} and applies it: its agents are stored (a password unchanged keeps its hash), agents the
     * file defined before and no longer does are deleted, agents made through the API stay. A broken file throws
     * with its {@code file:line:col} diagnostics and changes nothing.
     */
    public AgentRoster applyFile(Path file) throws FlowCompileException {
        Map<String, AgentDefinition> known = definitions;
        AgentRoster roster = AgentFile.read(file, queueNames.get(), (id, password) -> {
            AgentDefinition old = known.get(id);
            return old != null && old.secret().digestHa1().equals(AgentSecret.ha1(id, AgentSecret.REALM, password))
                    ? old.secret() : AgentSecret.hash(id, password);
        });
        Instant now = clock.instant();
        storage.inTransaction(c -> {
            Set<String> named = new HashSet<>();
            for (AgentDefinition agent : roster.agents()) {
                AgentStore.save(c, agent, AgentStore.Source.FILE, now);
                named.add(agent.id());
            }
            for (String gone : AgentStore.fileAgents(c)) {
                if (!named.contains(gone)) {
                    AgentStore.delete(c, gone);
                }
            }
            return null;
        });
        notReadyReasons = roster.notReadyReasons();
        refresh();
        return roster;
    }

    /** Re-reads the definitions from the database (changes made on another node). */
    public void refresh() {
        definitions = java.util.Collections.unmodifiableMap(storage.read(AgentStore::all));
    }

    /** The definitions as last read, by id. */
    public Map<String, AgentDefinition> definitions() {
        return definitions;
    }

    public List<String> notReadyReasons() {
        return notReadyReasons;
    }

    public List<AgentView> list() {
        Map<String, AgentState> byId = new LinkedHashMap<>();
        states.all().forEach(s -> byId.put(s.agentId(), s));
        Set<String> registered = registrations.registeredAgents();
        List<AgentView> out = new ArrayList<>();
        Map<String, AgentStore.Source> sources = storage.read(c -> {
            Map<String, AgentStore.Source> m = new LinkedHashMap<>();
            AgentStore.fileAgents(c).forEach(id -> m.put(id, AgentStore.Source.FILE));
            return m;
        });
        for (AgentDefinition d : storage.read(AgentStore::all).values()) {
            out.add(view(d, byId.get(d.id()), registered.contains(d.id()), sources.getOrDefault(d.id(),
                    AgentStore.Source.API)));
        }
        return out;
    }

    public Optional<AgentView> get(String agentId) {
        return list().stream().filter(v -> v.id().equals(agentId)).findFirst();
    }

    /** Creates an agent; {@link AgentInputException} for bad fields, {@link AgentStateException} if it exists. */
    public AgentView create(String agentId, AgentInput input) {
        AgentDefinition agent = validated(agentId, input, null);
        storage.inTransaction(c -> {
            if (AgentStore.source(c, agentId).isPresent()) {
                throw new AgentStateException("agent " + agentId + " exists already");
            }
            AgentStore.save(c, agent, AgentStore.Source.API, clock.instant());
            return null;
        });
        refresh();
        return get(agentId).orElseThrow();
    }

    /** Changes an agent (its password only when one is given); empty when there is no such agent. */
    public Optional<AgentView> update(String agentId, AgentInput input) {
        AgentDefinition old = storage.read(AgentStore::all).get(agentId);
        if (old == null) {
            return Optional.empty();
        }
        AgentDefinition agent = validated(agentId, input, old.secret());
        storage.inTransaction(c -> {
            AgentStore.save(c, agent, AgentStore.Source.API, clock.instant());
            return null;
        });
        refresh();
        return get(agentId);
    }

    /** Deletes an agent; refused while a call rings or is connected; false when there was none. */
    public boolean delete(String agentId) {
        Optional<AgentState> state = states.get(agentId);
        if (state.isEmpty()) {
            return false;
        }
        if (state.get().activity() == AgentActivity.RINGING || state.get().activity() == AgentActivity.ON_CALL) {
            throw new AgentStateException("agent " + agentId + " is on a call; delete it afterwards");
        }
        boolean deleted = storage.inTransaction(c -> AgentStore.delete(c, agentId));
        refresh();
        return deleted;
    }

    /**
     * Changes an agent's state as the agent or a supervisor asks: {@code AVAILABLE} (also ends a wrap-up early),
     * {@code NOT_READY} with one of {@link #notReadyReasons()}, or {@code LOGGED_OUT}.
     */
    public AgentState setState(String agentId, AgentActivity activity, String reason) {
        if (states.get(agentId).isEmpty()) {
            throw new AgentInputException(List.of("no agent " + agentId));
        }
        return switch (activity) {
            case AVAILABLE -> states.available(agentId);
            case LOGGED_OUT -> states.logout(agentId);
            case NOT_READY -> {
                if (reason == null || !notReadyReasons.contains(reason)) {
                    throw new AgentInputException(List.of("reason must be one of " + notReadyReasons));
                }
                yield states.notReady(agentId, reason);
            }
            default -> throw new AgentInputException(List.of("an agent can be set AVAILABLE, NOT_READY or"
                    + " LOGGED_OUT; " + activity + " is the ACD's to set"));
        };
    }

    private AgentDefinition validated(String agentId, AgentInput input, AgentSecret keep) {
        List<String> problems = new ArrayList<>(AgentDefinition.problems(agentId, input.name(),
                input.queues() == null ? Map.of() : input.queues(), input.skills() == null ? Map.of() : input.skills(),
                input.languages() == null ? List.of() : input.languages()));
        String regionProblem = AgentDefinition.regionProblem(input.region());
        if (regionProblem != null) {
            problems.add(regionProblem);
        }
        if (input.queues() != null) {
            Set<String> known = queueNames.get();
            input.queues().keySet().stream().filter(q -> q != null && !known.contains(q))
                    .forEach(q -> problems.add("queue '" + q + "' is not in queues.yaml"));
        }
        String password = input.password();
        if (password == null && keep == null) {
            problems.add("password is required");
        } else if (password != null && (password.length() < AgentSecret.MIN_PASSWORD
                || password.length() > AgentSecret.MAX_PASSWORD)) {
            problems.add("password must be " + AgentSecret.MIN_PASSWORD + " to " + AgentSecret.MAX_PASSWORD
                    + " characters");
        }
        if (!problems.isEmpty()) {
            throw new AgentInputException(problems);
        }
        AgentSecret secret = password == null ? keep : AgentSecret.hash(agentId, password);
        return new AgentDefinition(agentId, input.name(), secret, input.queues() == null ? Map.of() : input.queues(),
                input.skills() == null ? Map.of() : input.skills(),
                input.languages() == null ? List.of() : input.languages(), input.region());
    }

    private static AgentView view(AgentDefinition d, AgentState state, boolean registered, AgentStore.Source source) {
        return new AgentView(d.id(), d.name(), d.queues(), d.skills(), d.languages(), d.region(),
                source.name().toLowerCase(java.util.Locale.ROOT), state, registered);
    }
}
