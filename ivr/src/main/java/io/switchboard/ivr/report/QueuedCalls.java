package io.switchboard.ivr.report;

import io.switchboard.ivr.store.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads the queue log as {@link QueuedCall}s: every ENTERQUEUE in a period, joined with the event that ended the wait
 * (the first CONNECT, ABANDON, EXITWITHTIMEOUT, EXITWITHKEY, EXITEMPTY or CHATOVERFLOW of that call and queue after it), the end of
 * the conversation, the call's survey and whether the number called again. Rows are streamed, never held.
 */
final class QueuedCalls {

    private static final String SQL = """
            select en.time, en.call_id, en.queue, en.data2, x.event, x.time, x.agent, x.data1, x.data3, x.data4,
                   e.event, e.data2, e.data3, e.data4, s.rating,
                   case when en.data2 = '' then null else exists (
                       select 1 from calls k where k.caller = en.data2 and k.id <> en.call_id
                       and k.started_at > en.time and k.started_at <= en.time + make_interval(secs => ?)) end
            from acd_queue_log en
            left join lateral (
                select event, time, agent, data1, data3, data4 from acd_queue_log x
                where x.call_id = en.call_id and x.queue = en.queue and x.id > en.id
                  and x.event in ('CONNECT', 'ABANDON', 'EXITWITHTIMEOUT', 'EXITWITHKEY', 'EXITEMPTY',
                                  'CHATOVERFLOW')
                order by x.id limit 1) x on true
            left join lateral (
                select event, data2, data3, data4 from acd_queue_log e
                where x.event = 'CONNECT' and e.call_id = en.call_id and e.queue = en.queue and e.id > en.id
                  and e.event in ('COMPLETECALLER', 'COMPLETEAGENT', 'ATTENDEDTRANSFER', 'BLINDTRANSFER')
                order by e.id limit 1) e on true
            left join lateral (
                select rating from call_surveys s where s.call_id = en.call_id order by s.seq limit 1) s on true
            where en.event = 'ENTERQUEUE' and en.time >= ? and en.time < ?
            order by en.time, en.id""";

    private final Transactions storage;

    QueuedCalls(Transactions storage) {
        this.storage = storage;
    }

    /** The longest wait looked back over for calls answered in a period ({@link #readAnswered}). */
    static final Duration LONGEST_WAIT = Duration.ofDays(1);

    /** Hands every call that entered a queue in [{@code from}, {@code to}) to {@code each}, oldest first. */
    void read(Instant from, Instant to, Duration repeatWindow, Consumer<QueuedCall> each) {
        query(from, to, repeatWindow, each);
    }

    /**
     * Hands every call answered in [{@code from}, {@code to}) to {@code each} (calls that waited up to
     * {@link #LONGEST_WAIT} before it), for the agents' figures, which count a call when its agent took it.
     */
    void readAnswered(Instant from, Instant to, Duration repeatWindow, Consumer<QueuedCall> each) {
        query(from.minus(LONGEST_WAIT), to, repeatWindow, call -> {
            if (call.exit() == QueuedCall.Exit.ANSWERED && call.left() != null && !call.left().isBefore(from)
                    && call.left().isBefore(to)) {
                each.accept(call);
            }
        });
    }

    private void query(Instant from, Instant to, Duration repeatWindow, Consumer<QueuedCall> each) {
        storage.read(c -> {
            c.setAutoCommit(false); // lets the driver stream with a fetch size instead of reading every row first
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setFetchSize(1000);
                ps.setLong(1, repeatWindow.toSeconds());
                ps.setTimestamp(2, Timestamp.from(from));
                ps.setTimestamp(3, Timestamp.from(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(call(rs));
                    }
                }
            } finally {
                c.rollback();
            }
            return null;
        });
    }

    private static QueuedCall call(ResultSet rs) throws SQLException {
        Instant entered = rs.getTimestamp(1).toInstant();
        QueuedCall.Exit exit = QueuedCall.Exit.of(rs.getString(5));
        Timestamp leftAt = rs.getTimestamp(6);
        Instant left = leftAt == null ? null : leftAt.toInstant();
        Duration waited = switch (exit) {
            case WAITING -> null;
            case ANSWERED -> seconds(rs.getString(8), entered, left);
            case LEFT_WITH_KEY -> seconds(rs.getString(10), entered, left);
            default -> seconds(rs.getString(9), entered, left);
        };
        String end = rs.getString(11);
        Duration talk = end == null ? null : switch (end) {
            case "ATTENDEDTRANSFER" -> seconds(rs.getString(13), null, null);
            case "BLINDTRANSFER" -> seconds(rs.getString(14), null, null);
            default -> seconds(rs.getString(12), null, null);
        };
        int rating = rs.getInt(15);
        Integer survey = rs.wasNull() ? null : rating;
        boolean repeat = rs.getBoolean(16);
        Boolean repeated = rs.wasNull() ? null : repeat;
        return new QueuedCall(rs.getString(2), rs.getString(3), rs.getString(4), entered, exit, left, waited,
                exit == QueuedCall.Exit.ANSWERED ? rs.getString(7) : null, talk,
                end != null && end.endsWith("TRANSFER"), survey, repeated);
    }

    /**
     * Whole seconds as the queue log writes them; when a line does not carry a number (an imported log cut short),
     * the time between the two events instead, or null when there is neither.
     */
    private static Duration seconds(String field, Instant from, Instant to) {
        if (field != null && field.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(field));
        }
        return from == null || to == null ? null : Duration.between(from, to);
    }
}
