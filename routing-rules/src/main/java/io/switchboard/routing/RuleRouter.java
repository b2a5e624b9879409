package io.switchboard.routing;

import io.switchboard.routing.facts.Agent;
import io.switchboard.routing.facts.WaitingCall;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Skill-based routing by the rule files of a directory. The ACD reports changes ({@link #agentChanged},
 * {@link #agentGone}, {@link #callWaiting}, {@link #callGone}); each becomes an insert, update or delete in one
 * long-lived rule session. {@link #decide(Instant)} first moves on the escalation of the calls that are due (and only
 * those), fires the rules the changes activated, then offers the waiting calls in line order, each to the best
 * available agent its rules admit. {@link #reload()} compiles and checks the directory again and swaps the rules only
 * if they pass; otherwise the previous rules keep routing. Thread-safe.
 */
public final class RuleRouter implements AutoCloseable {

    /** Most rule firings for one decision before the rules count as looping. */
    static final int FIRE_LIMIT = 1_000_000;

    private final Path directory;
    private final Clock clock;
    private final RuleCompiler compiler;
    private final ReentrantLock reloading = new ReentrantLock();
    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<String, WaitingCall> calls = new HashMap<>();
    private final AvailableAgents available = new AvailableAgents();
    private final Set<String> changedCalls = new LinkedHashSet<>();
    private final Set<String> firedRules = new HashSet<>();
    private RuleSession session;
    private DueIndex due = new DueIndex();
    private WaitingLine line = new WaitingLine();
    private Instant now;
    private RoutingStatus.Refusal lastRefusal;

    private RuleRouter(Path directory, Clock clock, RuleCompiler compiler, CompiledRules rules) {
        this.directory = directory;
        this.clock = clock;
        this.compiler = compiler;
        this.session = new RuleSession(rules, FIRE_LIMIT);
        this.now = clock.instant();
    }

    /**
     * A router with the rules of {@code directory} (e.g. {@code routing/}).
     *
     * @throws RulesRefusedException when they do not compile or fail their check (the ACD then keeps its default
     *                               strategy)
     */
    public static RuleRouter load(Path directory, Clock clock) throws RulesRefusedException {
        RuleCompiler compiler = new RuleCompiler(clock);
        RuleCompiler.Compilation compiled = compiler.compile(directory);
        if (!compiled.ok()) {
            throw new RulesRefusedException(compiled.diagnostics());
        }
        return new RuleRouter(directory, clock, compiler, compiled.rules());
    }

    /** A router with rules already compiled (rule tests share one compilation over many scenarios). */
    public static RuleRouter of(Path directory, CompiledRules rules, Clock clock) {
        return new RuleRouter(directory, clock, new RuleCompiler(clock), rules);
    }

    /** An agent joined or changed (state, skills, queues …): the fact is inserted or replaced. */
    public synchronized void agentChanged(Agent agent) {
        agents.put(agent.id(), agent);
        available.put(agent);
        session.putAgent(agent);
    }

    /** An agent is no longer known to the ACD (removed from the roster). */
    public synchronized void agentGone(String agentId) {
        agents.remove(agentId);
        available.remove(agentId);
        session.removeAgent(agentId);
    }

    /** A call joined the line, or its facts changed (a flow set a topic, a lookup found the customer). */
    public synchronized void callWaiting(WaitingCall call) {
        Instant at = advanceClock(clock.instant());
        calls.put(call.id(), call);
        putCall(call, at);
    }

    /** A call left the line (offered and claimed, abandoned, timed out, took a callback). */
    public synchronized void callGone(String callId) {
        if (calls.remove(callId) != null) {
            session.removeCall(callId);
            line.remove(callId);
            due.schedule(callId, null);
            changedCalls.remove(callId);
        }
    }

    /**
     * For a caller that sees the whole picture at each decision (a stateless router seam): the agents and waiting
     * calls as they are now. Only what differs from what the router knows is applied (an insert, update or delete
     * each), then it decides as {@link #decide(Instant)}. Agents missing from {@code agents} are removed.
     */
    public synchronized Decision decide(Instant at, Collection<WaitingCall> waiting, Collection<Agent> agentsNow) {
        applyDifferences(agentsNow, agents, Agent::id, this::agentChanged, this::agentGone);
        applyDifferences(waiting, calls, WaitingCall::id, this::callWaiting, this::callGone);
        return decide(at);
    }

    /** {@link #decide(Instant)} at the clock's time. */
    public Decision decide() {
        return decide(clock.instant());
    }

    /**
     * Decides which waiting call goes to which available agent at {@code at} (a time before the last one counts as
     * the last one). Changes nothing: the ACD reports the claimed agent and the call that left.
     */
    public synchronized Decision decide(Instant at) {
        Instant when = advanceClock(at);
        for (String callId : due.due(when)) {
            putCall(calls.get(callId), when);
        }
        session.fire();
        changedCalls.addAll(session.drainTouchedCalls());
        for (String callId : changedCalls) {
            WaitingCall call = session.call(callId);
            if (call != null) {
                line.place(call, session.ask(callId).ahead());
            }
        }
        changedCalls.clear();
        List<Offer> offers = new ArrayList<>();
        WaitingList waiting = new WaitingList(when);
        Set<String> taken = new HashSet<>();
        // agents only get taken during a decision: once nobody may take a call, nobody may take an equal one after it
        Set<Ask.Eligibility> nobodyFor = new HashSet<>();
        for (String callId : line.inOrder()) {
            WaitingCall call = session.call(callId);
            Ask ask = session.ask(callId);
            Agent agent = null;
            if (taken.size() < available.size()) {
                Ask.Eligibility eligibility = ask.eligibility();
                if (!nobodyFor.contains(eligibility)) {
                    agent = available.best(ask, taken);
                    if (agent == null) {
                        nobodyFor.add(eligibility);
                    }
                }
            }
            if (agent == null) {
                waiting.add(call, ask);
            } else {
                taken.add(agent.id());
                offers.add(new Offer(callId, agent.id(), new Explanation(ask.rules(), call.step(), call.steps(),
                        call.waited(when))));
            }
        }
        return new Decision(when, offers, waiting);
    }

    /**
     * Compiles and checks the rules directory again; if it passes, the new rules take over with every agent and
     * waiting call as they are, otherwise the previous rules keep routing and the refusal is kept for
     * {@link #status()}.
     */
    public ReloadResult reload() {
        reloading.lock();
        try {
            RuleCompiler.Compilation compiled = compiler.compile(directory);
            if (!compiled.ok()) {
                return refuse(compiled.diagnostics());
            }
            synchronized (this) {
                RuleSession next;
                try {
                    next = new RuleSession(compiled.rules(), FIRE_LIMIT);
                } catch (RuntimeException | StackOverflowError | LinkageError e) {
                    return refuse(List.of(RuleDiagnostic.of("rules", RuleCompiler.oneLine(e.getMessage()))));
                }
                RuleSession previous = session;
                DueIndex previousDue = due;
                WaitingLine previousLine = line;
                try {
                    session = next;
                    due = new DueIndex();
                    line = new WaitingLine();
                    agents.values().forEach(session::putAgent);
                    calls.values().forEach(call -> putCall(call, now));
                    session.fire();
                } catch (RuntimeException | StackOverflowError | LinkageError e) {
                    next.close();
                    session = previous;
                    due = previousDue;
                    line = previousLine;
                    return refuse(List.of(RuleDiagnostic.of("rules", "the new rules failed on the calls waiting now: "
                            + RuleCompiler.oneLine(e.getMessage()))));
                }
                firedRules.addAll(previous.firedRules());
                previous.close();
                lastRefusal = null;
                return new ReloadResult(true, compiled.rules().version(), List.of());
            }
        } finally {
            reloading.unlock();
        }
    }

    private synchronized ReloadResult refuse(List<RuleDiagnostic> diagnostics) {
        lastRefusal = new RoutingStatus.Refusal(clock.instant(), diagnostics);
        return new ReloadResult(false, session.rules().version(), diagnostics);
    }

    public synchronized RoutingStatus status() {
        CompiledRules rules = session.rules();
        return new RoutingStatus(directory.toString(), rules.files(), rules.version(), rules.compiledAt(),
                rules.ruleNames(), Optional.ofNullable(lastRefusal), agents.size(), calls.size());
    }

    /** The rules that fired at least once since the router started (rule tests report coverage with it). */
    public synchronized Set<String> firedRules() {
        Set<String> fired = new HashSet<>(firedRules);
        fired.addAll(session.firedRules());
        return fired;
    }

    /** Rule firings and facts of the session in force (tests show with them that work is incremental). */
    synchronized long firings() {
        return session.firings();
    }

    synchronized int facts() {
        return session.factCount();
    }

    @Override
    public synchronized void close() {
        session.close();
    }

    private static <T> void applyDifferences(Collection<T> now, Map<String, T> known, Function<T, String> id,
            Consumer<T> changed, Consumer<String> gone) {
        Set<String> present = new HashSet<>();
        for (T fact : now) {
            present.add(id.apply(fact));
            if (!fact.equals(known.get(id.apply(fact)))) {
                changed.accept(fact);
            }
        }
        for (String missing : known.keySet().stream().filter(k -> !present.contains(k)).toList()) {
            gone.accept(missing);
        }
    }

    private void putCall(WaitingCall call, Instant at) {
        WaitingCall timed = session.timeline().at(call, at);
        session.putCall(timed);
        due.schedule(call.id(), session.timeline().nextChange(timed));
        changedCalls.add(call.id());
    }

    private Instant advanceClock(Instant at) {
        if (at.isAfter(now)) {
            now = at;
        }
        return now;
    }
}
