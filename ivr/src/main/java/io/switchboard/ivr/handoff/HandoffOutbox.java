package io.switchboard.ivr.handoff;

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
import java.util.Optional;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-off outbox in PostgreSQL ({@code handoff}). A hand-off is added in the caller's transaction (with the
 * event that causes it) or one of its own; the routes claim due rows ({@code FOR UPDATE SKIP LOCKED}, so nodes never
 * share one) for a lease, and record the outcome: delivered with the service's id, pending again later, or dead. A
 * claim whose node died lapses with its lease and is taken again, so a restart finishes it.
 */
public final class HandoffOutbox {

    /** Rows one read of the API returns at most. */
    public static final int MAX_READ = 500;
    private static final int MAX_ERROR = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> PAYLOAD = new TypeReference<>() {};
    private static final String COLUMNS = "handoff_id, integration, target, call_id, caller, idempotency_key,"
            + " payload::text, state, attempts, next_attempt_at, last_error, created_at, delivered_at, external_id";

    private final Transactions storage;
    private final Clock clock;

    public HandoffOutbox(DataSource dataSource, Clock clock) {
        this.storage = new Transactions(dataSource, "storing a hand-off");
        this.clock = clock;
    }

    /** Adds {@code request} in a transaction of its own; the row already stored under its key when there is one. */
    public Handoff add(HandoffRequest request) {
        return storage.inTransaction(c -> add(c, request));
    }

    /**
     * Adds {@code request} on {@code c}, inside the caller's transaction, so the hand-off is stored exactly when the
     * event that causes it is; the row already stored under its idempotency key when there is one.
     */
    public Handoff add(Connection c, HandoffRequest request) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement("insert into handoff (integration, target, call_id, caller,"
                + " idempotency_key, payload, state, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?::jsonb,"
                + " 'pending', ?, ?) on conflict (idempotency_key) do nothing")) {
            ps.setString(1, request.integration());
            ps.setString(2, request.target());
            ps.setString(3, request.callId());
            ps.setString(4, request.caller());
            ps.setString(5, request.idempotencyKey());
            ps.setString(6, JSON.writeValueAsString(request.payload()));
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setTimestamp(8, Timestamp.from(now));
            ps.executeUpdate();
        }
        return query(c, "select " + COLUMNS + " from handoff where idempotency_key = ?", request.idempotencyKey())
                .getFirst();
    }

    /**
     * Claims up to {@code limit} due hand-offs (pending and due, or sending with a lapsed claim) for {@code lease},
     * counting an attempt for each, oldest due first.
     */
    public List<Handoff> claim(int limit, Duration lease) {
        Instant now = clock.instant();
        return storage.inTransaction(c -> query(c, "update handoff set state = 'sending', attempts = attempts + 1,"
                + " next_attempt_at = ? where handoff_id in (select handoff_id from handoff where state in"
                + " ('pending', 'sending') and next_attempt_at <= ? order by next_attempt_at limit ?"
                + " for update skip locked) returning " + COLUMNS, Timestamp.from(now.plus(lease)),
                Timestamp.from(now), limit));
    }

    /** Delivered: the service's id for it. False when the claim had lapsed and another pass took it. */
    public boolean delivered(long id, String externalId) {
        Instant now = clock.instant();
        return update("update handoff set state = 'delivered', delivered_at = ?, external_id = ?, last_error = null"
                + " where handoff_id = ? and state = 'sending'", Timestamp.from(now), externalId, id);
    }

    /**
     * Delivered, and what that delivery now owes ({@code next}: the chat link's SMS) stored in the same transaction,
     * so the text exists exactly when the conversation is recorded. False (and nothing stored) when the claim had
     * lapsed and another pass took it; that pass stores it then (once: its key is unique).
     */
    public boolean delivered(long id, String externalId, HandoffRequest next) {
        Instant now = clock.instant();
        return storage.inTransaction(c -> {
            try (PreparedStatement ps = prepare(c, "update handoff set state = 'delivered', delivered_at = ?,"
                    + " external_id = ?, last_error = null where handoff_id = ? and state = 'sending'",
                    Timestamp.from(now), externalId, id)) {
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            add(c, next);
            return true;
        });
    }

    /** Not delivered this time: pending again from {@code at}, with the reason. */
    public boolean later(long id, String error, Instant at) {
        return update("update handoff set state = 'pending', last_error = ?, next_attempt_at = ? where handoff_id = ?"
                + " and state = 'sending'", bounded(error), Timestamp.from(at), id);
    }

    /** Not deliverable: to the dead letters with the reason. */
    public boolean dead(long id, String reason) {
        return update("update handoff set state = 'dead', last_error = ? where handoff_id = ? and state = 'sending'",
                bounded(reason), id);
    }

    /** A dead hand-off tried again now, its attempts counted afresh; empty when it is not dead (or not there). */
    public Optional<Handoff> retry(long id) {
        Instant now = clock.instant();
        return storage.inTransaction(c -> query(c, "update handoff set state = 'pending', attempts = 0,"
                + " next_attempt_at = ? where handoff_id = ? and state = 'dead' returning " + COLUMNS,
                Timestamp.from(now), id)).stream().findFirst();
    }

    public Optional<Handoff> find(long id) {
        return storage.read(c -> query(c, "select " + COLUMNS + " from handoff where handoff_id = ?", id))
                .stream().findFirst();
    }

    /** Hand-offs in {@code state} (all when null), newest first. */
    public List<Handoff> inState(String state, int limit) {
        return storage.read(c -> state == null
                ? query(c, "select " + COLUMNS + " from handoff order by created_at desc, handoff_id desc limit ?",
                        Math.min(limit, MAX_READ))
                : query(c, "select " + COLUMNS + " from handoff where state = ? order by created_at desc,"
                        + " handoff_id desc limit ?", state, Math.min(limit, MAX_READ)));
    }

    /** The hand-offs of one call, oldest first. */
    public List<Handoff> ofCall(String callId) {
        return storage.read(c -> query(c, "select " + COLUMNS + " from handoff where call_id = ?"
                + " order by handoff_id", callId));
    }

    /** Earlier hand-offs for calls from {@code caller} other than {@code callId}, newest first. */
    public List<Handoff> earlierFrom(String caller, String callId, int limit) {
        if (caller == null || caller.isBlank()) {
            return List.of();
        }
        return storage.read(c -> query(c, "select " + COLUMNS + " from handoff where caller = ? and call_id <> ?"
                + " order by created_at desc, handoff_id desc limit ?", caller, callId == null ? "" : callId,
                Math.min(limit, MAX_READ)));
    }

    private boolean update(String sql, Object... args) {
        return storage.inTransaction(c -> {
            try (PreparedStatement ps = prepare(c, sql, args)) {
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static List<Handoff> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<Handoff> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private static Handoff row(ResultSet rs) throws SQLException {
        Map<String, String> payload = JSON.readValue(rs.getString(7), PAYLOAD);
        return new Handoff(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), payload, rs.getString(8), rs.getInt(9), instant(rs, 10), rs.getString(11),
                instant(rs, 12), instant(rs, 13), rs.getString(14));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String bounded(String text) {
        String t = text == null ? "" : text;
        return t.length() > MAX_ERROR ? t.substring(0, MAX_ERROR) : t;
    }
}
