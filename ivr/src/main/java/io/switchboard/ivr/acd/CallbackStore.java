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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Call backs in PostgreSQL ({@code acd_callback}), a state machine every step of which is one transaction with its
 * queue-log row: WAITING → RINGING_AGENT (claimed with the agent, {@code FOR UPDATE SKIP LOCKED}) → DIALLING (an
 * attempt counted) → CONNECTED → DONE; a customer not reached goes back to WAITING after the retry delay, or to
 * FAILED after the last attempt; an agent who does not answer puts the call back WAITING with no attempt counted.
 */
final class CallbackStore {

    /** Call backs one routing pass takes into the line at most. */
    static final int DUE_PER_PASS = 500;

    /** A call back as stored. */
    record Row(long id, String queue, String number, Instant enteredAt, int priority, Map<String, Integer> skills,
            int attempts, int maxAttempts, String state, String agentId) {

        WaitingCall place() {
            return new WaitingCall(idOf(id), queue, priority, enteredAt, 0, skills, id, number);
        }
    }

    private final Transactions storage;
    private final Clock clock;

    CallbackStore(Transactions storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    static String idOf(long callbackId) {
        return "callback-" + callbackId;
    }

    /** Books a call back keeping the place {@code enteredAt}/{@code priority}; logs CALLBACK_REQUESTED. */
    long book(String queue, String number, Instant enteredAt, int priority, Map<String, Integer> skills,
            Instant scheduledAt, int maxAttempts) {
        Instant now = clock.instant();
        return storage.inTransaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into acd_callback (queue, number, entered_at, priority, skills, scheduled_at, due_at,
                      max_attempts, state, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, 'WAITING', ?, ?) returning callback_id""")) {
                ps.setString(1, queue);
                ps.setString(2, number);
                ps.setTimestamp(3, Timestamp.from(enteredAt));
                ps.setInt(4, priority);
                ps.setString(5, skillsText(skills));
                ps.setTimestamp(6, Timestamp.from(scheduledAt));
                ps.setTimestamp(7, Timestamp.from(scheduledAt));
                ps.setInt(8, maxAttempts);
                ps.setTimestamp(9, Timestamp.from(now));
                ps.setTimestamp(10, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            QueueLog.append(c, QueueEvent.of(now, idOf(id), queue, "NONE", "CALLBACK_REQUESTED", number, priority,
                    enteredAt.getEpochSecond()));
            return id;
        });
    }

    /** Call backs whose turn may come now, best place first. */
    List<WaitingCall> due() {
        return storage.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT
                    + " where state = 'WAITING' and due_at <= ? order by priority desc, entered_at limit ?")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setInt(2, DUE_PER_PASS);
                return rows(ps).stream().map(Row::place).toList();
            }
        });
    }

    /**
     * Claims the call back and the agent in one transaction: the row is locked ({@code FOR UPDATE SKIP LOCKED}, so
     * two nodes never both take it) and must still be WAITING, and the agent must still be available.
     */
    boolean claim(long id, String agentId, String node) {
        Instant now = clock.instant();
        return storage.inTransaction(c -> {
            String queue;
            try (PreparedStatement ps = c.prepareStatement("select queue from acd_callback where callback_id = ?"
                    + " and state = 'WAITING' for update skip locked")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    queue = rs.getString(1);
                }
            }
            if (!AgentStates.claim(c, agentId, idOf(id), queue, node, now)) {
                c.rollback();
                return false;
            }
            move(c, id, "RINGING_AGENT", agentId, node, null, false);
            return true;
        });
    }

    /** The agent answered; the customer is being dialled: one more attempt (CALLBACK_DIALLING). */
    void dialling(Row row) {
        inState(row.id(), "DIALLING", true, QueueEvent.of(clock.instant(), idOf(row.id()), row.queue(), row.agentId(),
                "CALLBACK_DIALLING", row.number(), row.attempts() + 1));
    }

    void connected(Row row, Instant since) {
        inState(row.id(), "CONNECTED", false, QueueEvent.of(clock.instant(), idOf(row.id()), row.queue(),
                row.agentId(), "CALLBACK_CONNECTED", row.number(), row.attempts() + 1,
                Duration.between(row.enteredAt(), clock.instant()).toSeconds()));
    }

    void completed(Row row, Duration talk) {
        inState(row.id(), "DONE", false, QueueEvent.of(clock.instant(), idOf(row.id()), row.queue(), row.agentId(),
                "CALLBACK_COMPLETED", row.number(), talk.toSeconds()));
    }

    /** The customer was not reached on attempt {@code attempt}: again after {@code delay}, or failed for good. */
    void notReached(Row row, int attempt, String why, Duration delay) {
        Instant now = clock.instant();
        storage.inTransaction(c -> {
            if (attempt >= row.maxAttempts()) {
                move(c, row.id(), "FAILED", null, null, null, false);
                QueueLog.append(c, QueueEvent.of(now, idOf(row.id()), row.queue(), row.agentId(), "CALLBACK_FAILED",
                        row.number(), attempt, why));
            } else {
                Instant next = now.plus(delay);
                move(c, row.id(), "WAITING", null, null, next, false);
                QueueLog.append(c, QueueEvent.of(now, idOf(row.id()), row.queue(), row.agentId(), "CALLBACK_RETRY",
                        row.number(), attempt, why, next.getEpochSecond()));
            }
            return null;
        });
    }

    /** Back in line at the same place with no attempt counted (the agent did not answer, the agent hung up). */
    void backInLine(long id) {
        storage.inTransaction(c -> {
            move(c, id, "WAITING", null, null, null, false);
            return null;
        });
    }

    Row get(long id) {
        return storage.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " where callback_id = ?")) {
                ps.setLong(1, id);
                return rows(ps).getFirst();
            }
        });
    }

    /**
     * After a restart of {@code node}, finishes what it left: a call back whose agent was ringing goes back in line;
     * one whose customer was being dialled counts that attempt as not reached; one that was connected is done (the
     * conversation happened). None is made twice, none is lost.
     */
    int recover(String node, java.util.function.Function<String, Duration> retryDelay) {
        List<Row> left = storage.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " where node = ? and state in ('RINGING_AGENT',"
                    + " 'DIALLING', 'CONNECTED')")) {
                ps.setString(1, node);
                return rows(ps);
            }
        });
        for (Row row : left) {
            switch (row.state()) {
                case "RINGING_AGENT" -> backInLine(row.id());
                case "DIALLING" -> notReached(row, row.attempts(), "restart", retryDelay.apply(row.queue()));
                default -> completed(row, Duration.ZERO);
            }
        }
        return left.size();
    }

    /** Waiting call backs per queue (the snapshot's "callbacks pending"). */
    Map<String, Integer> pendingByQueue() {
        return storage.read(c -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select queue, count(*) from acd_callback where state in"
                    + " ('WAITING', 'RINGING_AGENT', 'DIALLING') group by queue");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    private void inState(long id, String state, boolean countAttempt, QueueEvent event) {
        storage.inTransaction(c -> {
            move(c, id, state, null, null, null, countAttempt);
            QueueLog.append(c, event);
            return null;
        });
    }

    /** Moves a row to {@code state}; agent and node are set when given, cleared when WAITING/FAILED/DONE. */
    private void move(Connection c, long id, String state, String agentId, String node, Instant due,
            boolean countAttempt) throws SQLException {
        boolean settled = state.equals("WAITING") || state.equals("FAILED") || state.equals("DONE");
        try (PreparedStatement ps = c.prepareStatement("""
                update acd_callback set state = ?, updated_at = ?,
                  agent_id = case when ? then null else coalesce(?, agent_id) end,
                  node = case when ? then null else coalesce(?, node) end,
                  due_at = coalesce(?, due_at), attempts = attempts + ?
                where callback_id = ?""")) {
            ps.setString(1, state);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setBoolean(3, settled);
            ps.setString(4, agentId);
            ps.setBoolean(5, settled);
            ps.setString(6, node);
            ps.setTimestamp(7, due == null ? null : Timestamp.from(due));
            ps.setInt(8, countAttempt ? 1 : 0);
            ps.setLong(9, id);
            ps.executeUpdate();
        }
    }

    private static final String SELECT = "select callback_id, queue, number, entered_at, priority, skills, attempts,"
            + " max_attempts, state, agent_id from acd_callback";

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getInt(5), skills(rs.getString(6)), rs.getInt(7), rs.getInt(8), rs.getString(9),
                        rs.getString(10)));
            }
        }
        return out;
    }

    private static String skillsText(Map<String, Integer> skills) {
        StringBuilder out = new StringBuilder();
        skills.forEach((k, v) -> out.append(out.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return out.toString();
    }

    private static Map<String, Integer> skills(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String part : text.split(",")) {
                String[] kv = part.split("=", 2);
                out.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        return out;
    }
}
