package io.switchboard.ivr.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A hand-off gets its call's path, keys, queue, wait, agent, recordings and rating, as stored, at delivery. */
class CallSummaryIT {

    private static final TestDatabase DB = TestDatabase.create(CallSummaryIT.class);
    private static Database database;

    @BeforeAll
    static void open() throws SQLException {
        database = DB.open();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    insert into calls (id, caller, dialed, flow_id, flow_version, started_at, node)
                      values ('call-s', '5550190', '100', 'hotline', 1, now(), 'n');
                    insert into call_path (call_id, seq, at, kind, name, detail) values
                      ('call-s', 1, now(), 'step', 'welcome', 'play'), ('call-s', 2, now(), 'step', 'main-menu', 'menu'),
                      ('call-s', 3, now(), 'key', '3', 'rfc4733'), ('call-s', 4, now(), 'step', 'billing', 'queue'),
                      ('call-s', 5, now(), 'key', '1', 'rfc4733');
                    insert into call_recordings (call_id, seq, file, started_at, length_ms, ended_by)
                      values ('call-s', 1, 'data/recordings/call-s-1.wav', now(), 4000, 'silence');
                    insert into call_surveys (call_id, seq, answered_at, rating) values ('call-s', 1, now(), 4);
                    insert into acd_queue_log (time, call_id, queue, agent, event, data1, data2, data3) values
                      (now(), 'call-s', 'billing', 'NONE', 'ENTERQUEUE', '', '5550190', '1'),
                      (now(), 'call-s', 'billing', '5001', 'CONNECT', '42', 'call-s', '3');
                    """);
        }
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static Handoff handoff(String callId, Map<String, String> payload) {
        return new Handoff(1, "desk", "ticket", callId, "5550190", "k", payload, "sending", 1, Instant.EPOCH, null,
                Instant.EPOCH, null, null);
    }

    @Test
    void theCallsFactsAreAddedWithoutReplacingWhatTheHandoffCarries() {
        Handoff enriched = new CallSummary(database.dataSource()).enrich(handoff("call-s", Map.of("queue",
                "as-the-flow-said")));
        assertThat(enriched.payload()).containsEntry("path", "welcome > main-menu > billing")
                .containsEntry("keys", "31").containsEntry("recordings", "data/recordings/call-s-1.wav")
                .containsEntry("survey", "4").containsEntry("agent", "5001").containsEntry("wait", "42")
                .containsEntry("queue", "as-the-flow-said");
    }

    @Test
    void aCallNotYetStoredAddsNothing() {
        Handoff enriched = new CallSummary(database.dataSource()).enrich(handoff("call-unknown", Map.of("a", "b")));
        assertThat(enriched.payload()).containsExactly(Map.entry("a", "b"));
    }
}
