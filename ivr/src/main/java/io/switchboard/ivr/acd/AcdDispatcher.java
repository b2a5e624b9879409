package io.switchboard.ivr.acd;

import io.switchboard.ivr.call.Carrier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing loop of one node: whenever a caller joins, an agent becomes free here, or every {@code tick} (for
 * changes made on other nodes, wrap-ups that end, call backs that fall due) it takes the line (this node's callers
 * and the call backs due), the offerable agents, asks the {@link Router}, and claims each chosen agent in PostgreSQL.
 * A claim lost to another node leaves the call waiting for the next pass.
 */
final class AcdDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AcdDispatcher.class);
    /** Longest explanation kept in the queue log and the call's path. */
    static final int MAX_EXPLANATION = 500;

    /** Where call backs enter the line; see {@link AcdCallbacks}. */
    interface CallbackLine {
        /** Call backs due now, as places in line. */
        List<WaitingCall> due();

        /** Claims the call back and the agent together; false when either was taken. */
        boolean claim(WaitingCall callback, OfferableAgent agent);

        /** Runs a claimed call back (on a thread of its own). */
        void start(WaitingCall callback, OfferableAgent agent);
    }

    private final QueueLine line;
    private final Map<String, CompletableFuture<OfferableAgent>> offers = new ConcurrentHashMap<>();
    private final Map<String, String> reasons = new ConcurrentHashMap<>();
    private final Map<String, Carrier> carriers = new ConcurrentHashMap<>();
    private final java.util.function.Supplier<Carrier> callbackCarrier;
    private final OfferableAgents offerable;
    private final AgentStates states;
    private final Router router;
    private final CallbackLine callbacks;
    private final String node;
    private final Duration tick;
    private final Runnable housekeeping;
    private final QueueLog queueLog;
    private final java.time.Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition poke = lock.newCondition();
    private final Thread thread;
    private volatile boolean closed;
    private boolean poked;

    /**
     * @param housekeeping runs before every pass (node heartbeats and take-overs)
     * @param queueLog     where a claim the router explained is logged (ROUTED)
     * @param callbackCarrier the carrier that dials call backs' numbers: their agents must be on it
     */
    AcdDispatcher(QueueLine line, OfferableAgents offerable, AgentStates states, Router router,
            CallbackLine callbacks, String node, Duration tick, Runnable housekeeping, QueueLog queueLog,
            java.time.Clock clock, java.util.function.Supplier<Carrier> callbackCarrier) {
        this.callbackCarrier = callbackCarrier;
        this.queueLog = queueLog;
        this.clock = clock;
        this.line = line;
        this.offerable = offerable;
        this.states = states;
        this.router = router;
        this.callbacks = callbacks;
        this.node = node;
        this.tick = tick;
        this.housekeeping = housekeeping;
        this.thread = Thread.ofPlatform().daemon().name("acd-dispatcher").start(this::run);
    }

    /**
     * Puts a caller in line; the future completes with the agent claimed for them. A caller who leaves takes the
     * place back with {@link #leave(WaitingCall)}.
     */
    CompletableFuture<OfferableAgent> join(WaitingCall call, Carrier carrier) {
        CompletableFuture<OfferableAgent> offer = new CompletableFuture<>();
        offers.put(call.id(), offer);
        carriers.put(call.id(), carrier);
        line.add(call);
        wake();
        return offer;
    }

    /**
     * Takes a waiting caller out of line. Returns true when they were still waiting; false when an agent was claimed
     * for them already (the offer future then completes with that agent at once, and the caller gives it back).
     */
    boolean leave(WaitingCall call) {
        if (line.remove(call)) {
            offers.remove(call.id());
            carriers.remove(call.id());
            return true;
        }
        return false;
    }

    /** Why the router chose the agent last claimed for {@code callId} (empty when it gave no reason); told once. */
    String takeReason(String callId) {
        String why = reasons.remove(callId);
        return why == null ? "" : why;
    }

    /** Looks for work now. */
    void wake() {
        lock.lock();
        try {
            poked = true;
            poke.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closed) {
            lock.lock();
            try {
                if (!poked) {
                    poke.awaitNanos(tick.toNanos());
                }
                poked = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                pass();
            } catch (RuntimeException e) {
                log.warn("Routing pass failed; trying again in {}", tick, e);
                sleepQuietly();
            }
        }
    }

    /** One routing decision and its claims. */
    void pass() {
        housekeeping.run();
        states.endWrapUps();
        List<WaitingCall> waiting = new ArrayList<>(line.all());
        waiting.addAll(callbacks.due());
        if (waiting.isEmpty()) {
            return;
        }
        waiting.sort(WaitingCall.ORDER);
        List<OfferableAgent> agents = offerable.now();
        if (agents.isEmpty()) {
            return;
        }
        for (Router.Assignment a : routeByCarrier(waiting, agents)) {
            WaitingCall call = a.call();
            if (call.isCallback()) {
                if (callbacks.claim(call, a.agent())) {
                    explained(a);
                    callbacks.start(call, a.agent());
                }
                continue;
            }
            if (!states.claim(a.agent().agentId(), call.id(), call.queue(), node)) {
                continue; // another node (or call) was quicker; the caller waits for the next pass
            }
            CompletableFuture<OfferableAgent> offer = offers.remove(call.id());
            if (offer != null && line.remove(call)) {
                carriers.remove(call.id());
                explained(a);
                offer.complete(a.agent());
            } else {
                states.release(a.agent().agentId(), call.id());
            }
        }
    }

    /**
     * Routes each carrier's callers among the agents that carrier reaches (an Asterisk caller cannot be bridged to a
     * phone registered with the built-in endpoint, nor the other way round); one router call when all are on one.
     */
    private List<Router.Assignment> routeByCarrier(List<WaitingCall> waiting, List<OfferableAgent> agents) {
        Map<Carrier, List<WaitingCall>> calls = new java.util.EnumMap<>(Carrier.class);
        for (WaitingCall call : waiting) {
            Carrier c = call.isCallback() ? callbackCarrier.get() : carriers.getOrDefault(call.id(), Carrier.SIP);
            calls.computeIfAbsent(c, k -> new ArrayList<>()).add(call);
        }
        Map<Carrier, List<OfferableAgent>> phones = new java.util.EnumMap<>(Carrier.class);
        for (OfferableAgent agent : agents) {
            phones.computeIfAbsent(Carrier.ofContact(agent.contact()), k -> new ArrayList<>()).add(agent);
        }
        if (calls.size() == 1 && phones.size() == 1 && calls.keySet().equals(phones.keySet())) {
            return router.route(waiting, agents);
        }
        List<Router.Assignment> out = new ArrayList<>();
        calls.forEach((carrier, theirs) -> {
            List<OfferableAgent> reachable = phones.get(carrier);
            if (reachable != null) {
                out.addAll(router.route(theirs, reachable));
            }
        });
        return out;
    }

    /**
     * Logs why the router chose this agent (ROUTED: data1 the explanation) and keeps it for the caller's path.
     * Nothing is logged for a router that gives no reason.
     */
    private void explained(Router.Assignment a) {
        if (a.explanation().isEmpty()) {
            return;
        }
        String why = a.explanation().length() > MAX_EXPLANATION ? a.explanation().substring(0, MAX_EXPLANATION)
                : a.explanation();
        if (!a.call().isCallback()) {
            reasons.put(a.call().id(), why);
        }
        try {
            queueLog.append(QueueEvent.of(clock.instant(), a.call().id(), a.call().queue(), a.agent().agentId(),
                    "ROUTED", why));
        } catch (RuntimeException e) {
            log.warn("Call {}: routing explanation not logged: {}", a.call().id(), e.getMessage());
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(tick);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
