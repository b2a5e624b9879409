package io.switchboard.ivr.acd;

import io.switchboard.ivr.store.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Agents' states in PostgreSQL ({@code acd_agent_state}): every change is one transaction together with the
 * queue-log rows it causes. Offering a call claims the agent by compare-and-set on {@code state = 'AVAILABLE'}, so
 * two nodes on one database never give an agent two calls.
 */
public final class AgentStates {

    private final Transactions storage;
    private final Clock clock;
    private volatile Runnable freed = () -> { };

    AgentStates(Transactions storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** Runs {@code r} after an agent became available through this node (the dispatcher looks for work). */
    void onFreed(Runnable r) {
        this.freed = r;
    }

    /** The agent's state; empty for an unknown agent. */
    public Optional<AgentState> get(String agentId) {
        return storage.read(c -> select(c, agentId, false));
    }

    /** Every agent's state, by id. */
    public List<AgentState> all() {
        return storage.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " order by agent_id")) {
                return list(ps);
            }
        });
    }

    /** Logs the agent in: available at once (AGENTLOGIN). Nothing changes when already logged in. */
    public AgentState login(String agentId) {
        AgentState state = change(agentId, (c, now, s) -> {
            if (s.loggedIn()) {
                return s;
            }
            QueueLog.append(c, QueueEvent.of(now, "NONE", "NONE", agentId, "AGENTLOGIN", "SIP/" + agentId));
            return update(c, new AgentState(agentId, AgentActivity.AVAILABLE, null, null, null, now, null, now), now);
        });
        freed.run();
        return state;
    }

    /** Logs the agent out (AGENTLOGOFF); refused while a call rings or is connected. */
    public AgentState logout(String agentId) {
        return change(agentId, (c, now, s) -> {
            if (!s.loggedIn()) {
                return s;
            }
            busy(s, "log out");
            long loggedIn = loginTime(c, agentId, now);
            QueueLog.append(c, QueueEvent.of(now, "NONE", "NONE", agentId, "AGENTLOGOFF", "SIP/" + agentId,
                    loggedIn));
            return update(c, new AgentState(agentId, AgentActivity.LOGGED_OUT, null, null, null, now, null, null),
                    now);
        });
    }

    /** Pauses the agent with {@code reason} (PAUSE); logs in first when logged out. */
    public AgentState notReady(String agentId, String reason) {
        return change(agentId, (c, now, s) -> {
            busy(s, "pause");
            if (s.activity() == AgentActivity.NOT_READY && reason.equals(s.reason())) {
                return s;
            }
            if (!s.loggedIn()) {
                QueueLog.append(c, QueueEvent.of(now, "NONE", "NONE", agentId, "AGENTLOGIN", "SIP/" + agentId));
            }
            QueueLog.append(c, QueueEvent.of(now, "NONE", "NONE", agentId, "PAUSE", reason));
            return update(c, new AgentState(agentId, AgentActivity.NOT_READY, reason, null, null, now, null,
                    s.idleSince()), now);
        });
    }

    /** Makes the agent available: ends a pause (UNPAUSE) or wrap-up early, or logs in. */
    public AgentState available(String agentId) {
        AgentState state = change(agentId, (c, now, s) -> {
            busy(s, "become available");
            switch (s.activity()) {
                case AVAILABLE -> {
                    return s;
                }
                case LOGGED_OUT -> QueueLog.append(c, QueueEvent.of(now, "NONE", "NONE", agentId, "AGENTLOGIN",
                        "SIP/" + agentId));
                case NOT_READY -> QueueLog.append(c, QueueEvent.of(now, "NONE", "NONE", agentId, "UNPAUSE",
                        s.reason()));
                default -> { }
            }
            return update(c, new AgentState(agentId, AgentActivity.AVAILABLE, null, null, null, now, null, now), now);
        });
        freed.run();
        return state;
    }

    /**
     * Claims an available agent for {@code callId}: {@code UPDATE … WHERE state = 'AVAILABLE'}, one row being ours.
     * False when another call (or node) got the agent first, or the agent is no longer available.
     */
    public boolean claim(String agentId, String callId, String queue, String node) {
        Instant now = clock.instant();
        return storage.inTransaction(c -> claim(c, agentId, callId, queue, node, now));
    }

    /** As {@link #claim(String, String, String, String)}, inside the caller's transaction. */
    static boolean claim(Connection c, String agentId, String callId, String queue, String node, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update acd_agent_state set state = 'RINGING', call_id = ?, queue = ?, node = ?, since = ?
                where agent_id = ? and state = 'AVAILABLE'""")) {
            ps.setString(1, callId);
            ps.setString(2, queue);
            ps.setString(3, node);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, agentId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Gives back an agent claimed for {@code callId} that was never connected (the caller left first). */
    public void release(String agentId, String callId, QueueEvent... events) {
        ringEnds(agentId, callId, events, (now, s) -> new AgentState(agentId, AgentActivity.AVAILABLE, null, null,
                null, now, null, s.idleSince()));
        freed.run();
    }

    /** The agent rang for {@code callId} and did not answer: not ready, reason missed (PAUSE missed). */
    public void missed(String agentId, String callId, QueueEvent... events) {
        Instant now = clock.instant();
        List<QueueEvent> all = new ArrayList<>(List.of(events));
        all.add(QueueEvent.of(now, "NONE", "NONE", agentId, "PAUSE", AgentRoster.MISSED));
        ringEnds(agentId, callId, all.toArray(QueueEvent[]::new), (t, s) -> new AgentState(agentId,
                AgentActivity.NOT_READY, AgentRoster.MISSED, null, null, t, null, s.idleSince()));
    }

    /** The agent answered {@code callId}: on the call (CONNECT is among {@code events}). */
    public void answered(String agentId, String callId, QueueEvent... events) {
        ringEnds(agentId, callId, events, (now, s) -> new AgentState(agentId, AgentActivity.ON_CALL, null, callId,
                s.queue(), now, null, s.idleSince()));
    }

    /** The call ended: wrap-up for {@code wrapUp} (available at once when zero), with the COMPLETE… events. */
    public void callEnded(String agentId, String callId, Duration wrapUp, QueueEvent... events) {
        storage.inTransaction(c -> {
            Instant now = clock.instant();
            AgentState s = select(c, agentId, true).orElseThrow(() -> new AgentStateException("no agent "
                    + agentId));
            for (QueueEvent e : events) {
                QueueLog.append(c, e);
            }
            if (!callId.equals(s.callId())) {
                return s;
            }
            return update(c, wrapUp.isZero()
                    ? new AgentState(agentId, AgentActivity.AVAILABLE, null, null, null, now, null, now)
                    : new AgentState(agentId, AgentActivity.WRAP_UP, null, null, s.queue(), now, now.plus(wrapUp),
                            null), now);
        });
        if (wrapUp.isZero()) {
            freed.run();
        }
    }

    /**
     * The agent hung up on an offer they had answered (a call back's whisper): not ready, reason missed, so the
     * same offer does not come straight back.
     */
    public void refused(String agentId, String callId) {
        change(agentId, (c, now, s) -> {
            if (!callId.equals(s.callId())) {
                return s;
            }
            QueueLog.append(c, QueueEvent.of(now, "NONE", "NONE", agentId, "PAUSE", AgentRoster.MISSED));
            return update(c, new AgentState(agentId, AgentActivity.NOT_READY, AgentRoster.MISSED, null, null, now,
                    null, s.idleSince()), now);
        });
    }

    /** Ends every wrap-up whose time has come (any node may do it); returns how many agents became available. */
    public int endWrapUps() {
        Instant now = clock.instant();
        int ended = storage.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update acd_agent_state set state = 'AVAILABLE', queue = null, wrap_until = null, since = ?,
                    idle_since = wrap_until where state = 'WRAP_UP' and wrap_until <= ?""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setTimestamp(2, Timestamp.from(now));
                return ps.executeUpdate();
            }
        });
        if (ended > 0) {
            freed.run();
        }
        return ended;
    }

    /**
     * After a restart of {@code node}: agents it left ringing or on a call are free again (those calls ended with the
     * process). Returns their ids.
     */
    public List<String> recover(String node) {
        Instant now = clock.instant();
        return storage.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update acd_agent_state set state = 'AVAILABLE', call_id = null, queue = null, since = ?,
                    idle_since = ? where node = ? and state in ('RINGING', 'ON_CALL') returning agent_id""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, node);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /** Makes sure each of {@code agentIds} has a state row (logged out when new). */
    static void ensureRows(Connection c, Set<String> agentIds, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into acd_agent_state (agent_id, state, since) values (?, 'LOGGED_OUT', ?)
                on conflict (agent_id) do nothing""")) {
            for (String id : agentIds) {
                ps.setString(1, id);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private interface Change {
        AgentState apply(Connection c, Instant now, AgentState current) throws SQLException;
    }

    private AgentState change(String agentId, Change change) {
        return storage.inTransaction(c -> {
            AgentState s = select(c, agentId, true).orElseThrow(() -> new AgentStateException("no agent "
                    + agentId));
            return change.apply(c, clock.instant(), s);
        });
    }

    private void ringEnds(String agentId, String callId, QueueEvent[] events,
            java.util.function.BiFunction<Instant, AgentState, AgentState> next) {
        storage.inTransaction(c -> {
            AgentState s = select(c, agentId, true).orElseThrow(() -> new AgentStateException("no agent "
                    + agentId));
            for (QueueEvent e : events) {
                QueueLog.append(c, e);
            }
            if (s.activity() != AgentActivity.RINGING || !callId.equals(s.callId())) {
                return s; // someone already moved the agent on (an API log-out cannot, a recovery can)
            }
            return update(c, next.apply(clock.instant(), s), clock.instant());
        });
    }

    private static void busy(AgentState s, String what) {
        if (s.activity() == AgentActivity.RINGING || s.activity() == AgentActivity.ON_CALL) {
            throw new AgentStateException("agent " + s.agentId() + " cannot " + what + " while "
                    + (s.activity() == AgentActivity.RINGING ? "a call rings" : "on a call"));
        }
    }

    private static long loginTime(Connection c, String agentId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select logged_in_at from acd_agent_state where agent_id = ?")) {
            ps.setString(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                Timestamp at = rs.next() ? rs.getTimestamp(1) : null;
                return at == null ? 0 : Duration.between(at.toInstant(), now).toSeconds();
            }
        }
    }

    private static final String SELECT = "select agent_id, state, reason, call_id, queue, since, wrap_until,"
            + " idle_since from acd_agent_state";

    private static Optional<AgentState> select(Connection c, String agentId, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " where agent_id = ?"
                + (forUpdate ? " for update" : ""))) {
            ps.setString(1, agentId);
            List<AgentState> found = list(ps);
            return found.stream().findFirst();
        }
    }

    private static List<AgentState> list(PreparedStatement ps) throws SQLException {
        List<AgentState> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new AgentState(rs.getString(1), AgentActivity.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), instant(rs, 7),
                        instant(rs, 8)));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static AgentState update(Connection c, AgentState s, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update acd_agent_state set state = ?, reason = ?, call_id = ?, queue = ?, since = ?, wrap_until = ?,
                idle_since = ?, logged_in_at = case when ? = 'LOGGED_OUT' then null
                                                    when logged_in_at is null then ? else logged_in_at end
                where agent_id = ?""")) {
            ps.setString(1, s.activity().name());
            ps.setString(2, s.reason());
            ps.setString(3, s.callId());
            ps.setString(4, s.queue());
            ps.setTimestamp(5, Timestamp.from(s.since()));
            ps.setTimestamp(6, s.wrapUntil() == null ? null : Timestamp.from(s.wrapUntil()));
            ps.setTimestamp(7, s.idleSince() == null ? null : Timestamp.from(s.idleSince()));
            ps.setString(8, s.activity().name());
            ps.setTimestamp(9, Timestamp.from(now));
            ps.setString(10, s.agentId());
            ps.executeUpdate();
        }
        return s;
    }
}
