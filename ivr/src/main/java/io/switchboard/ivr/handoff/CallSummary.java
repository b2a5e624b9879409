package io.switchboard.ivr.handoff;

import io.switchboard.ivr.store.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the server knows of a hand-off's call when it is delivered, added to what the hand-off carries (never
 * replacing a value it has): the steps it took ({@code path}), the keys pressed ({@code keys}), the queue, the wait
 * and the agent from the queue log, the recordings and the survey rating. The call's own rows are written by the
 * best-effort call writer, so whatever is there at delivery is what the ticket gets.
 */
public final class CallSummary {

    /** Steps and keys listed at most. */
    static final int MAX_ENTRIES = 200;

    private final Transactions storage;

    public CallSummary(DataSource dataSource) {
        this.storage = new Transactions(dataSource, "reading a hand-off's call");
    }

    /** {@code handoff} with the call's facts added. */
    public Handoff enrich(Handoff handoff) {
        if (handoff.callId().isEmpty()) {
            return handoff;
        }
        Map<String, String> facts = storage.read(c -> facts(c, handoff.callId()));
        Map<String, String> payload = new LinkedHashMap<>(handoff.payload());
        facts.forEach((k, v) -> {
            if (!v.isEmpty()) {
                payload.putIfAbsent(k, v);
            }
        });
        return new Handoff(handoff.id(), handoff.integration(), handoff.target(), handoff.callId(), handoff.caller(),
                handoff.idempotencyKey(), payload, handoff.state(), handoff.attempts(), handoff.nextAttemptAt(),
                handoff.lastError(), handoff.createdAt(), handoff.deliveredAt(), handoff.externalId());
    }

    private static Map<String, String> facts(Connection c, String callId) throws SQLException {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("path", String.join(" > ", column(c, "select name from call_path where call_id = ? and kind ="
                + " 'step' order by seq limit " + MAX_ENTRIES, callId)));
        facts.put("keys", String.join("", column(c, "select name from call_path where call_id = ? and kind = 'key'"
                + " order by seq limit " + MAX_ENTRIES, callId)));
        facts.put("recordings", String.join(", ", column(c, "select file from call_recordings where call_id = ?"
                + " order by seq", callId)));
        facts.put("survey", String.join(", ", column(c, "select rating::text from call_surveys where call_id = ?"
                + " order by seq", callId)));
        facts.put("queue", String.join("", column(c, "select queue from acd_queue_log where call_id = ? and event ="
                + " 'ENTERQUEUE' order by id desc limit 1", callId)));
        try (PreparedStatement ps = c.prepareStatement("select agent, data1 from acd_queue_log where call_id = ?"
                + " and event = 'CONNECT' order by id desc limit 1")) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    facts.put("agent", rs.getString(1));
                    facts.put("wait", rs.getString(2));
                }
            }
        }
        return facts;
    }

    private static List<String> column(Connection c, String sql, String callId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }
}
