package io.switchboard.ivr.flow;

import io.switchboard.ivr.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Flow versions and aliases in PostgreSQL (tables {@code flow_versions}, {@code flow_aliases}). Publishing the same
 * text again is not a new version; publishing and moving an alias happen in one transaction, so two nodes
 * publishing at once get distinct version numbers (the flow's rows are locked while the next number is chosen).
 */
public final class FlowVersionStore {

    /** The alias calls are served from. */
    public static final String LIVE = "live";

    private final Transactions transactions;
    private final Clock clock;

    public FlowVersionStore(DataSource dataSource, Clock clock) {
        this.transactions = new Transactions(dataSource, "flow versions");
        this.clock = clock;
    }

    /** The outcome of a publish: the version now live, and whether it is new. */
    public record Published(FlowVersion version, boolean created) {}

    /**
     * Stores {@code content} as the next version of {@code flowId} (unless the newest version has the same text)
     * and points the {@code live} alias at it. The caller has compiled the text: only valid flows get here.
     */
    public Published publish(String flowId, String content, String source, String note) {
        String hash = sha256(content);
        return transactions.inTransaction(c -> {
            lockFlow(c, flowId);
            Optional<FlowVersion> newest = newest(c, flowId);
            if (newest.isPresent() && newest.get().contentHash().equals(hash)) {
                setAlias(c, flowId, LIVE, newest.get().version());
                return new Published(newest.get(), false);
            }
            int next = newest.map(v -> v.version() + 1).orElse(1);
            FlowVersion version = new FlowVersion(flowId, next, hash, source, note == null ? "" : note,
                    clock.instant());
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into flow_versions (flow_id, version, content_hash, content, source, note, published_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, flowId);
                ps.setInt(2, next);
                ps.setString(3, hash);
                ps.setString(4, content);
                ps.setString(5, source);
                ps.setString(6, version.note());
                ps.setTimestamp(7, Timestamp.from(version.publishedAt()));
                ps.executeUpdate();
            }
            setAlias(c, flowId, LIVE, next);
            return new Published(version, true);
        });
    }

    /** Points {@code alias} of {@code flowId} at an existing {@code version}; false when there is no such version. */
    public boolean moveAlias(String flowId, String alias, int version) {
        return transactions.inTransaction(c -> {
            if (find(c, flowId, version).isEmpty()) {
                return false;
            }
            setAlias(c, flowId, alias, version);
            return true;
        });
    }

    /** The version an alias points at. */
    public Optional<Integer> alias(String flowId, String alias) {
        return transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select version from flow_aliases where flow_id = ? and alias = ?")) {
                ps.setString(1, flowId);
                ps.setString(2, alias);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
                }
            }
        });
    }

    /** The text of a version. */
    public Optional<String> content(String flowId, int version) {
        return transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select content from flow_versions where flow_id = ? and version = ?")) {
                ps.setString(1, flowId);
                ps.setInt(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The version each flow's {@code live} alias points at, by flow id. */
    public java.util.Map<String, Integer> liveVersions() {
        return transactions.inTransaction(c -> {
            java.util.Map<String, Integer> out = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select flow_id, version from flow_aliases where alias = ?")) {
                ps.setString(1, LIVE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The newest version of {@code flowId} published from a file called {@code fileName} (in whatever directory),
     * to tell whether the file changed since it was last published.
     */
    public Optional<FlowVersion> newestFromFile(String flowId, String fileName) {
        return transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " where flow_id = ? and (source = ? or"
                    + " right(source, ?) = ?) order by version desc limit 1")) {
                ps.setString(1, flowId);
                ps.setString(2, fileName);
                ps.setInt(3, fileName.length() + 1);
                ps.setString(4, "/" + fileName);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(version(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Every version of a flow, oldest first. */
    public List<FlowVersion> versions(String flowId) {
        return transactions.inTransaction(c -> {
            List<FlowVersion> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT + " where flow_id = ? order by version")) {
                ps.setString(1, flowId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(version(rs));
                    }
                }
            }
            return out;
        });
    }

    private static final String SELECT =
            "select flow_id, version, content_hash, source, note, published_at from flow_versions";

    private static Optional<FlowVersion> newest(Connection c, String flowId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " where flow_id = ? order by version desc limit 1")) {
            ps.setString(1, flowId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(version(rs)) : Optional.empty();
            }
        }
    }

    private static Optional<FlowVersion> find(Connection c, String flowId, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " where flow_id = ? and version = ?")) {
            ps.setString(1, flowId);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(version(rs)) : Optional.empty();
            }
        }
    }

    private static FlowVersion version(ResultSet rs) throws SQLException {
        return new FlowVersion(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant());
    }

    private static void lockFlow(Connection c, String flowId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, "flow:" + flowId);
            ps.execute();
        }
    }

    private void setAlias(Connection c, String flowId, String alias, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into flow_aliases (flow_id, alias, version, updated_at) values (?, ?, ?, ?)
                on conflict (flow_id, alias) do update set version = excluded.version,
                    updated_at = excluded.updated_at""")) {
            ps.setString(1, flowId);
            ps.setString(2, alias);
            ps.setInt(3, version);
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
