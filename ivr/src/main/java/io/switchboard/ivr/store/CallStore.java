package io.switchboard.ivr.store;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Calls and their paths in PostgreSQL (tables {@code calls} and {@code call_path}), with what callers left
 * ({@code call_recordings}, {@code call_surveys}, see {@link CallMessages}).
 *
 * <p>Every method here runs on the calling thread and waits for the database: a call's own threads never call it
 * directly, they hand their writes to a {@link CallWriter} through a {@link CallRecorder}. Times are stored with
 * microsecond precision (finer parts are cut). Failures surface as {@link CallStoreException}.
 */
public final class CallStore {

    static final int MAX_LIMIT = 10_000;

    private static final String INSERT_CALL = """
            insert into calls (id, caller, dialed, flow_id, flow_version, started_at, node)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do nothing""";
    private static final String INSERT_PATH = """
            insert into call_path (call_id, seq, at, kind, name, detail) values (?, ?, ?, ?, ?, ?)
            on conflict (call_id, seq) do nothing""";
    private static final String ANSWER = "update calls set answered_at = ? where id = ? and answered_at is null";
    private static final String END = """
            update calls set ended_at = ?, hangup_cause = ?, hung_up_by = ? where id = ? and ended_at is null""";
    private static final String CALL_COLUMNS = """
            select id, caller, dialed, flow_id, flow_version, node, started_at, answered_at, ended_at, hangup_cause,
                   hung_up_by from calls""";
    private static final String LATEST = CALL_COLUMNS + " order by started_at desc, id desc limit ?";
    private static final String ONE = CALL_COLUMNS + " where id = ?";
    private static final String PATHS = """
            select call_id, seq, at, kind, name, detail from call_path where call_id = any (?) order by call_id, seq""";

    /**
     * Ends this node's calls that have no end, at the time of their last known event: the latest of their start,
     * answer, path entries, recordings and survey answers.
     */
    private static final String END_UNFINISHED = """
            update calls c set hangup_cause = ?, hung_up_by = ?,
                ended_at = greatest(c.started_at, c.answered_at,
                                    (select max(p.at) from call_path p where p.call_id = c.id),
                                    (select max(r.started_at + r.length_ms * interval '1 millisecond')
                                     from call_recordings r where r.call_id = c.id),
                                    (select max(s.answered_at) from call_surveys s where s.call_id = c.id))
            where c.node = ? and c.ended_at is null""";

    private final DataSource dataSource;
    private final String node;

    /**
     * @param dataSource a migrated database ({@link Database#dataSource()})
     * @param node       the name of this call-control node, stored with each call it carries
     */
    public CallStore(DataSource dataSource, String node) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.node = Objects.requireNonNull(node, "node");
    }

    /** Records that a call arrived and which flow version runs it. */
    public void callStarted(CallFacts facts, String flowId, int flowVersion) {
        write(List.of(new CallWrite.Started(facts, flowId, flowVersion)));
    }

    /** Records when the call was answered; a second answer is ignored. */
    public void answered(String callId, Instant at) {
        write(List.of(new CallWrite.Answered(callId, at)));
    }

    /** Adds one entry to the call's path; its {@link PathEntry#seq()} must be new for the call. */
    public void appendPath(String callId, PathEntry entry) {
        write(List.of(new CallWrite.Path(callId, entry)));
    }

    /** Records how the call ended; only the first end counts. */
    public void ended(String callId, CallEnd end) {
        write(List.of(new CallWrite.Ended(callId, end)));
    }

    /** Stores a recording the caller left; its {@link CallRecordingEntry#seq()} must be new for the call. */
    public void recorded(String callId, CallRecordingEntry recording) {
        write(List.of(new CallWrite.Recorded(callId, recording)));
    }

    /** Stores a survey answer; its {@link SurveyAnswer#seq()} must be new for the call. */
    public void surveyAnswered(String callId, SurveyAnswer answer) {
        write(List.of(new CallWrite.Surveyed(callId, answer)));
    }

    /**
     * Ends the calls this node left unfinished when it stopped without ending them (killed, crashed, power cut):
     * cause {@link HangupCause#SERVER_RESTART}, hung up by the system, at the time of each call's last known event.
     * Run at start-up, before this node takes calls and after what was spooled during an outage is stored.
     *
     * @return how many calls were ended
     */
    public int endUnfinishedCalls() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(END_UNFINISHED)) {
            update.setString(1, CallRecord.causeCode(HangupCause.SERVER_RESTART));
            update.setString(2, CallRecord.partyCode(CallEnd.Party.SYSTEM));
            update.setString(3, node);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new CallStoreException("cannot end the calls node " + node + " left unfinished", e);
        }
    }

    /**
     * The latest {@code limit} calls, newest first (by start time, then id), each with its whole path in order.
     * Two queries, whatever the limit.
     */
    public List<CallRecord> latest(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement calls = connection.prepareStatement(LATEST)) {
            calls.setInt(1, limit);
            return withPaths(connection, readCalls(calls));
        } catch (SQLException e) {
            throw new CallStoreException("cannot read the latest calls", e);
        }
    }

    /** The call with id {@code id}, with its path, if there is one. */
    public Optional<CallRecord> find(String id) {
        Objects.requireNonNull(id, "id");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement calls = connection.prepareStatement(ONE)) {
            calls.setString(1, id);
            return withPaths(connection, readCalls(calls)).stream().findFirst();
        } catch (SQLException e) {
            throw new CallStoreException("cannot read call " + id, e);
        }
    }

    /**
     * Applies {@code writes} in one transaction; applying them again changes nothing (inserts skip rows that exist,
     * an answer or end counts only once), so a spool can be replayed after a crash. Within it, new calls go first, then path entries, then answers and
     * ends, which keeps every call's own order (a call's start is always queued before anything else about it).
     *
     * @throws CallStoreException when the transaction fails; nothing of it is stored then
     */
    void write(List<? extends CallWrite> writes) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // the pool restores auto-commit when the connection returns
            try {
                apply(connection, writes);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new CallStoreException(describe(writes), e);
        }
    }

    private void apply(Connection connection, List<? extends CallWrite> writes) throws SQLException {
        List<CallWrite.Started> started = new ArrayList<>();
        List<CallWrite.Path> paths = new ArrayList<>();
        List<CallWrite.Answered> answers = new ArrayList<>();
        List<CallWrite.Ended> ends = new ArrayList<>();
        List<CallWrite.Recorded> recordings = new ArrayList<>();
        List<CallWrite.Surveyed> surveys = new ArrayList<>();
        for (CallWrite write : writes) {
            switch (write) {
                case CallWrite.Started s -> started.add(s);
                case CallWrite.Path p -> paths.add(p);
                case CallWrite.Answered a -> answers.add(a);
                case CallWrite.Ended e -> ends.add(e);
                case CallWrite.Recorded r -> recordings.add(r);
                case CallWrite.Surveyed v -> surveys.add(v);
            }
        }
        if (!started.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_CALL)) {
                for (CallWrite.Started s : started) {
                    CallFacts facts = s.facts();
                    insert.setString(1, facts.callId());
                    insert.setString(2, facts.caller());
                    insert.setString(3, facts.dialed());
                    insert.setString(4, s.flowId());
                    insert.setInt(5, s.flowVersion());
                    insert.setObject(6, timestamp(facts.started()));
                    insert.setString(7, node);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (!paths.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_PATH)) {
                for (CallWrite.Path p : paths) {
                    PathEntry entry = p.entry();
                    insert.setString(1, p.callId());
                    insert.setInt(2, entry.seq());
                    insert.setObject(3, timestamp(entry.at()));
                    insert.setString(4, entry.kind().code());
                    insert.setString(5, entry.name());
                    insert.setString(6, entry.detail());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        CallMessages.insert(connection, recordings, surveys);
        if (!answers.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(ANSWER)) {
                for (CallWrite.Answered a : answers) {
                    update.setObject(1, timestamp(a.at()));
                    update.setString(2, a.callId());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        if (!ends.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(END)) {
                for (CallWrite.Ended e : ends) {
                    CallEnd end = e.end();
                    update.setObject(1, timestamp(end.at()));
                    update.setString(2, CallRecord.causeCode(end.cause()));
                    update.setString(3, CallRecord.partyCode(end.hungUpBy()));
                    update.setString(4, e.callId());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }

    private static List<CallRow> readCalls(PreparedStatement query) throws SQLException {
        List<CallRow> rows = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                rows.add(new CallRow(rs.getString("id"), rs.getString("caller"), rs.getString("dialed"),
                        rs.getString("flow_id"), rs.getInt("flow_version"), rs.getString("node"),
                        instant(rs, "started_at"), instant(rs, "answered_at"), instant(rs, "ended_at"),
                        rs.getString("hangup_cause"), rs.getString("hung_up_by")));
            }
        }
        return rows;
    }

    private static List<CallRecord> withPaths(Connection connection, List<CallRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<PathEntry>> paths = new HashMap<>();
        Map<String, CallMessages.Left> left;
        Array ids = connection.createArrayOf("text", rows.stream().map(CallRow::id).toArray());
        try (PreparedStatement query = connection.prepareStatement(PATHS)) {
            query.setArray(1, ids);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    paths.computeIfAbsent(rs.getString("call_id"), id -> new ArrayList<>())
                            .add(new PathEntry(rs.getInt("seq"), instant(rs, "at"),
                                    PathEntry.Kind.ofCode(rs.getString("kind")), rs.getString("name"),
                                    rs.getString("detail")));
                }
            }
            left = CallMessages.read(connection, ids);
        } finally {
            ids.free();
        }
        return rows.stream().map(row -> row.withPath(paths.getOrDefault(row.id(), List.of()),
                left.getOrDefault(row.id(), CallMessages.Left.NONE))).toList();
    }

    static OffsetDateTime timestamp(Instant at) {
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String describe(List<? extends CallWrite> writes) {
        if (writes.size() == 1) {
            CallWrite write = writes.getFirst();
            return "cannot store " + write.what() + " of call " + write.callId();
        }
        return "cannot store " + writes.size() + " call writes";
    }

    /** A {@code calls} row before its path is attached. */
    private record CallRow(String id, String caller, String dialed, String flowId, int flowVersion, String node,
            Instant startedAt, Instant answeredAt, Instant endedAt, String hangupCause, String hungUpBy) {

        CallRecord withPath(List<PathEntry> path, CallMessages.Left left) {
            return new CallRecord(id, caller, dialed, flowId, flowVersion, node, startedAt, answeredAt, endedAt,
                    hangupCause, hungUpBy, path, left.recordings(), left.surveys());
        }
    }
}
