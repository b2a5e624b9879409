package io.switchboard.ivr.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What callers left with their calls: recordings ({@code call_recordings}) and survey answers
 * ({@code call_surveys}). Used by {@link CallStore} inside its transactions and reads.
 */
final class CallMessages {

    private static final String INSERT_RECORDING = """
            insert into call_recordings (call_id, seq, file, started_at, length_ms, ended_by, finish_key)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (call_id, seq) do nothing""";
    private static final String INSERT_SURVEY = """
            insert into call_surveys (call_id, seq, answered_at, rating, comment) values (?, ?, ?, ?, ?)
            on conflict (call_id, seq) do nothing""";
    private static final String RECORDINGS = """
            select call_id, seq, file, started_at, length_ms, ended_by, finish_key from call_recordings
            where call_id = any (?) order by call_id, seq""";
    private static final String SURVEYS = """
            select call_id, seq, answered_at, rating, comment from call_surveys
            where call_id = any (?) order by call_id, seq""";

    /** A call's recordings and survey answers, in order. */
    record Left(List<CallRecordingEntry> recordings, List<SurveyAnswer> surveys) {
        static final Left NONE = new Left(List.of(), List.of());
    }

    private CallMessages() {}

    static void insert(Connection connection, List<CallWrite.Recorded> recordings, List<CallWrite.Surveyed> surveys)
            throws SQLException {
        if (!recordings.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_RECORDING)) {
                for (CallWrite.Recorded r : recordings) {
                    CallRecordingEntry e = r.recording();
                    insert.setString(1, r.callId());
                    insert.setInt(2, e.seq());
                    insert.setString(3, e.file());
                    insert.setObject(4, CallStore.timestamp(e.startedAt()));
                    insert.setInt(5, (int) Math.min(Integer.MAX_VALUE, e.length().toMillis()));
                    insert.setString(6, e.endedBy());
                    insert.setString(7, e.finishKey());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (!surveys.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_SURVEY)) {
                for (CallWrite.Surveyed s : surveys) {
                    SurveyAnswer a = s.answer();
                    insert.setString(1, s.callId());
                    insert.setInt(2, a.seq());
                    insert.setObject(3, CallStore.timestamp(a.answeredAt()));
                    insert.setInt(4, a.rating());
                    insert.setString(5, a.comment());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** What the calls with {@code ids} left, by call id (calls that left nothing are absent). */
    static Map<String, Left> read(Connection connection, Array ids) throws SQLException {
        Map<String, List<CallRecordingEntry>> recordings = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(RECORDINGS)) {
            query.setArray(1, ids);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    recordings.computeIfAbsent(rs.getString("call_id"), id -> new ArrayList<>())
                            .add(new CallRecordingEntry(rs.getInt("seq"), rs.getString("file"),
                                    CallStore.instant(rs, "started_at"), Duration.ofMillis(rs.getInt("length_ms")),
                                    rs.getString("ended_by"), rs.getString("finish_key")));
                }
            }
        }
        Map<String, List<SurveyAnswer>> surveys = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(SURVEYS)) {
            query.setArray(1, ids);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    surveys.computeIfAbsent(rs.getString("call_id"), id -> new ArrayList<>())
                            .add(new SurveyAnswer(rs.getInt("seq"), CallStore.instant(rs, "answered_at"), rs.getInt("rating"),
                                    rs.getString("comment")));
                }
            }
        }
        Map<String, Left> out = new HashMap<>();
        recordings.forEach((id, list) -> out.put(id, new Left(list, surveys.getOrDefault(id, List.of()))));
        surveys.forEach((id, list) -> out.putIfAbsent(id, new Left(List.of(), list)));
        return out;
    }
}
