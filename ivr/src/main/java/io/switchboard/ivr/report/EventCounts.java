package io.switchboard.ivr.report;

import io.switchboard.ivr.store.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Single queue-log events in a period, streamed: call backs requested and completed (by queue), rings not answered
 * (by agent). Each is counted in the interval it happened in. Also the log's totals per queue and event, which only
 * grow, for counters.
 */
final class EventCounts {

    /** Receives one event. */
    interface Each {
        void event(Instant time, String queue, String agent, String event);
    }

    private final Transactions storage;

    EventCounts(Transactions storage) {
        this.storage = storage;
    }

    void read(Instant from, Instant to, Each each, String... events) {
        storage.read(c -> {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    select time, queue, agent, event from acd_queue_log
                    where time >= ? and time < ? and event = any (?) order by time, id""")) {
                ps.setFetchSize(1000);
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                ps.setArray(3, c.createArrayOf("text", events));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.event(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                                rs.getString(4));
                    }
                }
            } finally {
                c.rollback();
            }
            return null;
        });
    }

    /** How many of each of {@code events} the whole log holds, by queue then event. */
    Map<String, Map<String, Long>> totals(String... events) {
        return storage.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select queue, event, count(*) from acd_queue_log where event = any (?)
                    group by queue, event""")) {
                ps.setArray(1, c.createArrayOf("text", events));
                Map<String, Map<String, Long>> out = new TreeMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), q -> new TreeMap<>()).put(rs.getString(2),
                                rs.getLong(3));
                    }
                }
                return out;
            }
        });
    }
}
