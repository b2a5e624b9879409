package io.switchboard.ivr.acd;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Agent definitions in PostgreSQL ({@code acd_agent}, {@code acd_agent_queue}, {@code acd_agent_skill}). An agent
 * comes from {@code agents.yaml} ({@code source = file}) or from the API ({@code api}); applying the file replaces the
 * file's agents and leaves the API's alone.
 */
final class AgentStore {

    enum Source { FILE, API }

    private AgentStore() {
    }

    static Map<String, AgentDefinition> all(Connection c) throws SQLException {
        Map<String, AgentDefinition> out = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> queues = levels(c, "select agent_id, queue, priority from acd_agent_queue"
                + " order by agent_id, priority, queue");
        Map<String, Map<String, Integer>> skills = levels(c, "select agent_id, skill, proficiency from"
                + " acd_agent_skill order by agent_id, skill");
        try (PreparedStatement ps = c.prepareStatement("select agent_id, name, digest_ha1, password_hash, languages,"
                + " region from acd_agent order by agent_id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                out.put(id, new AgentDefinition(id, rs.getString(2), new AgentSecret(rs.getString(3),
                        rs.getString(4)), queues.getOrDefault(id, Map.of()), skills.getOrDefault(id, Map.of()),
                        List.of((String[]) rs.getArray(5).getArray()), rs.getString(6)));
            }
        }
        return out;
    }

    static Optional<Source> source(Connection c, String agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select source from acd_agent where agent_id = ?")) {
            ps.setString(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Source.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)))
                        : Optional.empty();
            }
        }
    }

    /** Inserts or replaces {@code agent}, with its queues and skills. */
    static void save(Connection c, AgentDefinition agent, Source source, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into acd_agent (agent_id, name, digest_ha1, password_hash, languages, source, updated_at,
                  region)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (agent_id) do update set name = excluded.name, digest_ha1 = excluded.digest_ha1,
                password_hash = excluded.password_hash, languages = excluded.languages, source = excluded.source,
                updated_at = excluded.updated_at, region = excluded.region""")) {
            Array languages = c.createArrayOf("text", agent.languages().toArray());
            ps.setString(1, agent.id());
            ps.setString(2, agent.name());
            ps.setString(3, agent.secret().digestHa1());
            ps.setString(4, agent.secret().passwordHash());
            ps.setArray(5, languages);
            ps.setString(6, source.name().toLowerCase(java.util.Locale.ROOT));
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setString(8, agent.region());
            ps.executeUpdate();
        }
        delete(c, "delete from acd_agent_queue where agent_id = ?", agent.id());
        delete(c, "delete from acd_agent_skill where agent_id = ?", agent.id());
        insertLevels(c, "insert into acd_agent_queue (agent_id, queue, priority) values (?, ?, ?)", agent.id(),
                agent.queues());
        insertLevels(c, "insert into acd_agent_skill (agent_id, skill, proficiency) values (?, ?, ?)", agent.id(),
                agent.skills());
        AgentStates.ensureRows(c, Set.of(agent.id()), now);
    }

    /** Deletes the agent (its state and registrations go with it); false when there was none. */
    static boolean delete(Connection c, String agentId) throws SQLException {
        return delete(c, "delete from acd_agent where agent_id = ?", agentId) > 0;
    }

    /** The ids of the agents that came from the file. */
    static List<String> fileAgents(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select agent_id from acd_agent where source = 'file'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static int delete(Connection c, String sql, String agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, agentId);
            return ps.executeUpdate();
        }
    }

    private static void insertLevels(Connection c, String sql, String agentId, Map<String, Integer> levels)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<String, Integer> e : levels.entrySet()) {
                ps.setString(1, agentId);
                ps.setString(2, e.getKey());
                ps.setInt(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Map<String, Map<String, Integer>> levels(Connection c, String sql) throws SQLException {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3));
            }
        }
        return out;
    }
}
