package io.switchboard.ivr.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreValuesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void pathEntriesAreNumberedFromOne() {
        assertThatThrownBy(() -> PathEntry.step(0, T0, "welcome", "play"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("seq must be 1 or more, got 0");
    }

    @Test
    void pathEntryKindsReadBackFromTheirCodes() {
        for (PathEntry.Kind kind : PathEntry.Kind.values()) {
            assertThat(PathEntry.Kind.ofCode(kind.code())).isEqualTo(kind);
        }
        assertThat(PathEntry.Kind.FLOW_END.code()).isEqualTo("flow-end");
        assertThatThrownBy(() -> PathEntry.Kind.ofCode("queue")).hasMessage("unknown path entry kind 'queue'");
    }

    @Test
    void aKeyIsStoredAsItsCharacterWithHowItCame() {
        assertThat(PathEntry.key(3, T0, '#', "sip-info"))
                .isEqualTo(new PathEntry(3, T0, PathEntry.Kind.KEY, "#", "sip-info"));
    }

    @Test
    void hangupCodesAreLowerCaseWithDashesAndReadBack() {
        assertThat(CallRecord.causeCode(HangupCause.INCOMPATIBLE_MEDIA)).isEqualTo("incompatible-media");
        assertThat(CallRecord.partyCode(CallEnd.Party.CALLER)).isEqualTo("caller");
        for (HangupCause cause : HangupCause.values()) {
            assertThat(record(CallRecord.causeCode(cause)).cause()).contains(cause);
        }
    }

    @Test
    void aCauseCodeFromANewerNodeStillReads() {
        CallRecord call = record("transferred-away");

        assertThat(call.hangupCause()).isEqualTo("transferred-away");
        assertThat(call.cause()).isEmpty();
    }

    @Test
    void aJdbcUrlIsLoggedWithoutCredentials() {
        assertThat(Database.describe("jdbc:postgresql://db.example:5432/switchboard?user=sb&password=s3cret"))
                .isEqualTo("jdbc:postgresql://db.example:5432/switchboard");
        assertThat(Database.describe("jdbc:postgresql://sb:s3cret@db.example/switchboard"))
                .isEqualTo("jdbc:postgresql://db.example/switchboard");
        assertThat(Database.describe("jdbc:postgresql://127.0.0.1:5432/postgres"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    @Test
    void aDatabaseThatIsNotPostgresqlIsRefusedWithoutShowingItsPassword() {
        assertThatThrownBy(() -> Database.open("jdbc:h2:mem:x?password=s3cret", "sa", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a PostgreSQL JDBC URL: jdbc:h2:mem:x (expected jdbc:postgresql://host:port/database)");
    }

    @Test
    void connectionTroubleIsTransientAndABrokenConstraintIsNot() {
        assertThat(new CallStoreException("x", new SQLTransientConnectionException("down")).isTransient()).isTrue();
        assertThat(new CallStoreException("x", new SQLException("refused", "08001")).isTransient()).isTrue();
        assertThat(new CallStoreException("x", new SQLException("shutting down", "57P01")).isTransient()).isTrue();
        assertThat(new CallStoreException("x", new SQLException("duplicate key", "23505")).isTransient()).isFalse();
        assertThat(new CallStoreException("x", new SQLException("no state")).isTransient()).isFalse();
    }

    private static CallRecord record(String cause) {
        return new CallRecord("c1", "200", "100", "hotline", 1, "node-a", T0, null, T0.plusSeconds(1), cause,
                "caller", List.of());
    }
}
