package io.switchboard.ivr.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Automatic hand-offs on a real PostgreSQL: a queue event the rules name, written as the ACD writes it (a row of
 * {@code acd_queue_log}), becomes a hand-off in the same transaction, or not at all when that transaction rolls
 * back; calls without a callable number and events without a rule make none.
 */
class HandoffRulesIT {

    private static final TestDatabase DB = TestDatabase.create(HandoffRulesIT.class);
    private static Database database;
    private static HandoffOutbox outbox;
    private static HandoffRules rules;

    @BeforeAll
    static void open() {
        database = DB.open();
        outbox = new HandoffOutbox(database.dataSource(), Clock.systemUTC());
        rules = new HandoffRules(database.dataSource());
        rules.replace(Map.of("abandon", "helpdesk", "callback-requested", "crm"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static void log(Connection c, String callId, String queue, String event, String... data)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into acd_queue_log (time, call_id, queue, agent, event,"
                + " data1, data2, data3) values (?, ?, ?, 'NONE', ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(Instant.parse("2026-11-30T10:00:00Z")));
            ps.setString(2, callId);
            ps.setString(3, queue);
            ps.setString(4, event);
            for (int i = 0; i < 3; i++) {
                ps.setString(5 + i, i < data.length ? data[i] : "");
            }
            ps.executeUpdate();
        }
    }

    private static void inTransaction(boolean commit, SqlWork work) throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            work.run(c);
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        }
    }

    interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    @Test
    void anAbandonedCallWithANumberIsHandedOffWithItsQueueAndWait() throws SQLException {
        inTransaction(true, c -> {
            log(c, "call-ab-1", "billing", "ENTERQUEUE", "", "+34910000001", "1");
            log(c, "call-ab-1", "billing", "ABANDON", "2", "1", "95");
        });
        List<Handoff> made = outbox.ofCall("call-ab-1");
        assertThat(made).hasSize(1);
        Handoff h = made.getFirst();
        assertThat(h.integration()).isEqualTo("helpdesk");
        assertThat(h.target()).isEqualTo("abandon");
        assertThat(h.caller()).isEqualTo("+34910000001");
        assertThat(h.state()).isEqualTo("pending");
        assertThat(h.payload()).containsEntry("queue", "billing").containsEntry("wait", "95")
                .containsEntry("position", "2").containsEntry("caller", "+34910000001")
                .containsEntry("call.id", "call-ab-1").containsEntry("event", "ABANDON")
                .containsEntry("time", "2026-11-30T10:00:00Z");
    }

    @Test
    void aRolledBackEventHandsNothingOff() throws SQLException {
        inTransaction(false, c -> {
            log(c, "call-ab-2", "billing", "ENTERQUEUE", "", "5550102", "1");
            log(c, "call-ab-2", "billing", "ABANDON", "1", "1", "3");
        });
        assertThat(outbox.ofCall("call-ab-2")).isEmpty();
    }

    @Test
    void aWithheldNumberOrAnEventWithoutARuleHandsNothingOff() throws SQLException {
        inTransaction(true, c -> {
            log(c, "call-ab-3", "billing", "ENTERQUEUE", "", "", "1");
            log(c, "call-ab-3", "billing", "ABANDON", "1", "1", "30");
            log(c, "call-ab-4", "billing", "ENTERQUEUE", "", "anonymous", "1");
            log(c, "call-ab-4", "billing", "ABANDON", "1", "1", "30");
            log(c, "call-ab-5", "billing", "ENTERQUEUE", "", "5550105", "1");
            log(c, "call-ab-5", "billing", "EXITWITHTIMEOUT", "1", "1", "300");
        });
        assertThat(outbox.ofCall("call-ab-3")).isEmpty();
        assertThat(outbox.ofCall("call-ab-4")).isEmpty();
        assertThat(outbox.ofCall("call-ab-5")).isEmpty();
    }

    @Test
    void aCallBackRequestedGoesToItsOwnIntegrationAndRulesCanBeReplaced() throws SQLException {
        inTransaction(true, c -> log(c, "callback-9", "general", "CALLBACK_REQUESTED", "5550109", "3", "1764496800"));
        assertThat(outbox.ofCall("callback-9")).singleElement().satisfies(h -> {
            assertThat(h.integration()).isEqualTo("crm");
            assertThat(h.target()).isEqualTo("callback-requested");
            assertThat(h.caller()).isEqualTo("5550109");
        });
        rules.replace(Map.of("abandon", "helpdesk"));
        try {
            inTransaction(true, c -> log(c, "callback-10", "general", "CALLBACK_REQUESTED", "5550110", "3", "1"));
            assertThat(outbox.ofCall("callback-10")).isEmpty();
        } finally {
            rules.replace(Map.of("abandon", "helpdesk", "callback-requested", "crm"));
        }
    }

    @Test
    void anUnknownRuleNameIsRefusedWithTheNamesThatExist() {
        assertThatThrownBy(() -> rules.replace(Map.of("voicemail", "helpdesk")))
                .hasMessage("switchboard.handoff.on.voicemail: write one of [abandon, callback-completed,"
                        + " callback-failed, callback-requested, chat]");
    }
}
