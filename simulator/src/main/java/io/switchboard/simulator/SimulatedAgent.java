package io.switchboard.simulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated agent's phone, living in a {@link SimulatedAgents} stack: it registers as {@code id} with digest
 * authentication and keeps the registration fresh, and it takes the calls the server rings it with as its
 * {@link Behaviour} says: answer after a delay and talk (send audio) for a time or until the other side hangs up,
 * then wrap up (busy to new calls for a while); or let it ring; or answer busy.
 */
public final class SimulatedAgent {

    /** What the phone does when it rings. */
    public enum Behaviour { ANSWER, IGNORE, BUSY }

    /** Registration as the phone sees it. */
    public enum Registration { NONE, REGISTERED, REFUSED, UNREGISTERED }

    private final String id;
    private final String password;
    final String registerCallId;
    long cseq = 1;
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private volatile Registration registration = Registration.NONE;
    private volatile int lastStatus;
    private volatile int grantedSeconds;
    volatile long busyUntilNanos;
    volatile CallSession current;
    private final BlockingQueue<CallSession> calls = new LinkedBlockingQueue<>();
    private final List<CallSession> all = new CopyOnWriteArrayList<>();
    private final List<java.util.Map<String, String>> offers = new CopyOnWriteArrayList<>();
    final AtomicInteger rung = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicInteger registrations = new AtomicInteger();

    SimulatedAgent(String id, String password, String registerCallId) {
        this.id = id;
        this.password = password;
        this.registerCallId = registerCallId;
    }

    public String id() {
        return id;
    }

    String password() {
        return password;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /** From the next ring on, the phone does this. */
    public void behave(Behaviour b) {
        this.behaviour = b;
    }

    public Registration registration() {
        return registration;
    }

    /** The status of the last final answer to a REGISTER (200, 401, 423, …). */
    public int lastRegisterStatus() {
        return lastStatus;
    }

    /** The registration time the server granted in its last 200. */
    public int grantedSeconds() {
        return grantedSeconds;
    }

    /** How many successful REGISTERs (first ones and refreshes). */
    public int successfulRegisters() {
        return registrations.get();
    }

    /** How many rings the server cancelled (CANCEL, answered 487). */
    public int timesCancelled() {
        return cancels.get();
    }

    /** How many INVITEs rang this phone. */
    public int timesRung() {
        return rung.get();
    }

    void registered(int status, Registration now, int seconds) {
        lastStatus = status;
        registration = now;
        if (now == Registration.REGISTERED) {
            grantedSeconds = seconds;
            registrations.incrementAndGet();
        }
    }

    void refused(int status) {
        lastStatus = status;
        registration = Registration.REFUSED;
    }

    /** Waits up to {@code timeout} until the registration is {@code wanted}. */
    public boolean awaitRegistration(Registration wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (registration != wanted && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // polling with a deadline
        }
        return registration == wanted;
    }

    void rang(java.util.Map<String, String> switchboardHeaders) {
        rung.incrementAndGet();
        offers.add(switchboardHeaders);
    }

    /** The X-Switchboard-* headers of each INVITE that rang this phone, in order (names without the prefix). */
    public List<java.util.Map<String, String>> offers() {
        return List.copyOf(offers);
    }

    void answeredCall(CallSession call) {
        current = call;
        all.add(call);
        calls.add(call);
    }

    /** The next call this phone answered, waiting up to {@code timeout}; null if none. */
    public CallSession awaitCall(Duration timeout) {
        try {
            return calls.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Every call this phone answered. */
    public List<CallSession> answered() {
        return List.copyOf(all);
    }

    boolean busy() {
        CallSession c = current;
        return (c != null && c.endedBy() == CallSession.EndedBy.NONE) || System.nanoTime() < busyUntilNanos;
    }
}
