package io.switchboard.ivr.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * Writes a hand-made queue log (and the call records surveys and repeat calls need) into a real PostgreSQL, with
 * times given in the site's local time. The figures ReportsIT expects are worked out by hand in its comments.
 */
final class QueueLogFixture {

    private final DataSource dataSource;
    private final ZoneId zone;

    QueueLogFixture(DataSource dataSource, ZoneId zone) {
        this.dataSource = dataSource;
        this.zone = zone;
    }

    /** The instant of a local time such as {@code 2026-11-30T09:00:00}. */
    Instant at(String local) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    /** A queue-log line at an instant. */
    void log(Instant time, String callId, String queue, String agent, String event, Object... data)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into acd_queue_log (time, call_id, queue, agent, event, data1, data2, data3, data4, data5)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setTimestamp(1, Timestamp.from(time));
            ps.setString(2, callId);
            ps.setString(3, queue);
            ps.setString(4, agent);
            ps.setString(5, event);
            for (int i = 0; i < 5; i++) {
                ps.setString(6 + i, i < data.length ? String.valueOf(data[i]) : "");
            }
            ps.executeUpdate();
        }
    }

    /** A queue-log line at a local time. */
    void log(String local, String callId, String queue, String agent, String event, Object... data)
            throws SQLException {
        log(at(local), callId, queue, agent, event, data);
    }

    /** A call record (what repeat calls and surveys are looked up in). */
    void call(String id, String caller, String localStart) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into calls (id, caller, dialed, flow_id, flow_version, started_at, node)
                values (?, ?, '100', 'hotline', 1, ?, 'node-1')""")) {
            ps.setString(1, id);
            ps.setString(2, caller);
            ps.setTimestamp(3, Timestamp.from(at(localStart)));
            ps.executeUpdate();
        }
    }

    /** A survey answer of a call. */
    void survey(String callId, int seq, int rating, String localTime) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into call_surveys (call_id, seq, answered_at, rating) values (?, ?, ?, ?)""")) {
            ps.setString(1, callId);
            ps.setInt(2, seq);
            ps.setTimestamp(3, Timestamp.from(at(localTime)));
            ps.setInt(4, rating);
            ps.executeUpdate();
        }
    }
}
