package io.switchboard.ivr.acd;

import io.switchboard.ivr.store.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue log ({@code acd_queue_log}): every queue and agent event, written in the transaction of the change it
 * records, read back by time for the API and for reports, and as Asterisk's text lines.
 */
public final class QueueLog {

    /** The most lines one read returns. */
    public static final int MAX_READ = 10_000;

    private final Transactions storage;

    QueueLog(Transactions storage) {
        this.storage = storage;
    }

    /** Appends {@code event} on {@code c}, inside the caller's transaction. */
    static void append(Connection c, QueueEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into acd_queue_log (time, call_id, queue, agent, event, data1, data2, data3, data4, data5)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setTimestamp(1, Timestamp.from(event.time()));
            ps.setString(2, event.callId());
            ps.setString(3, event.queue());
            ps.setString(4, event.agent());
            ps.setString(5, event.event());
            for (int i = 1; i <= QueueEvent.MAX_DATA; i++) {
                ps.setString(5 + i, event.data(i));
            }
            ps.executeUpdate();
        }
    }

    /** Appends {@code event} in a transaction of its own. */
    public void append(QueueEvent event) {
        storage.inTransaction(c -> {
            append(c, event);
            return null;
        });
    }

    /** Events from {@code from} (inclusive) to {@code to} (exclusive), oldest first, at most {@code limit}. */
    public List<QueueEvent> read(Instant from, Instant to, int limit) {
        int max = Math.max(1, Math.min(limit, MAX_READ));
        return storage.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select time, call_id, queue, agent, event, data1, data2, data3, data4, data5 from acd_queue_log
                    where time >= ? and time < ? order by time, id limit ?""")) {
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                ps.setInt(3, max);
                List<QueueEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> data = new ArrayList<>();
                        for (int i = 6; i <= 10; i++) {
                            data.add(rs.getString(i));
                        }
                        while (!data.isEmpty() && data.getLast().isEmpty()) {
                            data.removeLast();
                        }
                        out.add(new QueueEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), data));
                    }
                }
                return out;
            }
        });
    }

    /** The same events as Asterisk's {@code queue_log} text, one line each. */
    public String readText(Instant from, Instant to, int limit) {
        StringBuilder out = new StringBuilder();
        read(from, to, limit).forEach(e -> out.append(e.toText()).append('\n'));
        return out.toString();
    }
}
