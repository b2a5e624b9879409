package io.switchboard.admin.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who changed what through the API, when and from which address ({@code audit_log}): publications, rollbacks,
 * users and tokens. The actor is the logged-in user (or {@code token:<id>}); the address is the TCP peer.
 */
public final class AuditLog {

    /** Who acts when no request does (the first start). */
    static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, TransactionOperations transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One audited change. */
    public record Entry(long id, Instant at, String actor, String action, String target, String detail,
            String sourceAddress) {}

    /**
     * Runs {@code change} in one transaction; the entries it {@linkplain #record records} commit with it or not at
     * all.
     */
    public <T> T inTransaction(Supplier<T> change) {
        return transactions.execute(status -> change.get());
    }

    /**
     * Records that the current request's user did {@code action} to {@code target}; inside
     * {@link #inTransaction} it joins that transaction.
     */
    public void record(String action, String target, String detail) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.sql("insert into audit_log (at, actor, action, target, detail, source_address)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(now, actor(), action, target, detail == null ? "" : detail, sourceAddress()).update();
    }

    /** Entries from {@code from} (inclusive) to {@code to} (exclusive), newest first, at most {@code limit}. */
    public List<Entry> between(Instant from, Instant to, int limit) {
        return jdbc.sql("select * from audit_log where at >= ? and at < ? order by at desc, id desc limit ?")
                .params(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), limit)
                .query(AuditLog::entry).list();
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? SYSTEM : authentication.getName();
    }

    private static String sourceAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr() : "-";
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("detail"),
                rs.getString("source_address"));
    }
}
