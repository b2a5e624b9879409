package io.switchboard.ivr.acd;

import io.switchboard.callflow.queue.QueueSettings;
import io.switchboard.ivr.call.Carrier;
import io.switchboard.ivr.store.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads from PostgreSQL which agents may be offered a call now (available, with a current registration), whichever
 * node changed their state, and how many agents serve a queue (for empty-queue rules and the wait estimate).
 */
final class OfferableAgents {

    private final Transactions storage;
    private final Clock clock;

    OfferableAgents(Transactions storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** Every agent that may take a call now, with the queues and skills of their definition. */
    List<OfferableAgent> now() {
        Instant now = clock.instant();
        return storage.read(c -> {
            Map<String, Instant> idle = new LinkedHashMap<>();
            Map<String, String> contacts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select distinct on (s.agent_id) s.agent_id, s.idle_since, r.contact
                    from acd_agent_state s join acd_registration r on r.agent_id = s.agent_id and r.expires > ?
                    where s.state = 'AVAILABLE' order by s.agent_id, r.expires desc""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp t = rs.getTimestamp(2);
                        idle.put(rs.getString(1), t == null ? null : t.toInstant());
                        contacts.put(rs.getString(1), rs.getString(3));
                    }
                }
            }
            if (idle.isEmpty()) {
                return List.of();
            }
            Map<String, Map<String, Integer>> queues = levels(c, "select agent_id, queue, priority from"
                    + " acd_agent_queue where agent_id = any (?)", idle.keySet());
            Map<String, Map<String, Integer>> skills = levels(c, "select agent_id, skill, proficiency from"
                    + " acd_agent_skill where agent_id = any (?)", idle.keySet());
            Map<String, Set<String>> languages = new HashMap<>();
            Map<String, String> regions = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select agent_id, languages, region from acd_agent where agent_id = any (?)")) {
                ps.setArray(1, c.createArrayOf("text", idle.keySet().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        languages.put(rs.getString(1), Set.of((String[]) rs.getArray(2).getArray()));
                        regions.put(rs.getString(1), rs.getString(3));
                    }
                }
            }
            Map<String, Integer> today = callsToday(c, idle.keySet(), now);
            List<OfferableAgent> out = new ArrayList<>(idle.size());
            idle.forEach((id, since) -> out.add(new OfferableAgent(id, queues.getOrDefault(id, Map.of()),
                    skills.getOrDefault(id, Map.of()), since, contacts.get(id), languages.get(id), regions.get(id),
                    today.getOrDefault(id, 0))));
            return out;
        });
    }

    /**
     * How many agents serving {@code queue} count against emptiness: logged in at all
     * ({@link QueueSettings.Empty#NO_AGENTS_LOGGED_IN}) or available with a current registration.
     */
    int serving(String queue, QueueSettings.Empty rule) {
        return serving(queue, rule, null);
    }

    /**
     * Like {@link #serving(String, QueueSettings.Empty)}, counting only agents {@code carrier} could ring for its
     * caller: an available agent whose current registration is on that carrier; for "logged in", an agent with no
     * current registration counts for every carrier (the phone may come back on either), one with registrations
     * only for theirs. A null carrier counts every agent.
     */
    int serving(String queue, QueueSettings.Empty rule, Carrier carrier) {
        String sip = "(lower(r.contact) like 'sip:%' or lower(r.contact) like 'sips:%')";
        String onCarrier = carrier == null ? "" : " and " + (carrier == Carrier.SIP ? sip : "not " + sip);
        String registered = "select 1 from acd_registration r where r.agent_id = q.agent_id and r.expires > ?";
        String sql = rule == QueueSettings.Empty.NO_AGENTS_LOGGED_IN ? """
                select count(*) from acd_agent_queue q join acd_agent_state s on s.agent_id = q.agent_id
                where q.queue = ? and s.state <> 'LOGGED_OUT' and s.since <= ?"""
                + (carrier == null ? "" : " and (not exists (" + registered + ") or exists (" + registered
                        + onCarrier + "))") : """
                select count(*) from acd_agent_queue q join acd_agent_state s on s.agent_id = q.agent_id
                where q.queue = ? and s.state = 'AVAILABLE' and exists (""" + registered + onCarrier + ")";
        int times = (int) sql.chars().filter(ch -> ch == '?').count() - 1;
        return storage.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, queue);
                Timestamp now = Timestamp.from(clock.instant());
                for (int i = 0; i < times; i++) {
                    ps.setTimestamp(2 + i, now);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Calls each agent was connected to since midnight (UTC) of {@code now}: CONNECT rows of the queue log. */
    private static Map<String, Integer> callsToday(java.sql.Connection c, Set<String> ids, Instant now)
            throws java.sql.SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select agent, count(*) from acd_queue_log"
                + " where event = 'CONNECT' and time >= ? and agent = any (?) group by agent")) {
            ps.setTimestamp(1, Timestamp.from(now.truncatedTo(java.time.temporal.ChronoUnit.DAYS)));
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    /**
     * Rows as agent → name → level. Names are shared String instances (one per distinct name), so the router's
     * lookups by queue and skill stay in cache across thousands of agents.
     */
    private static Map<String, Map<String, Integer>> levels(java.sql.Connection c, String sql,
            Set<String> ids) throws java.sql.SQLException {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = names.computeIfAbsent(rs.getString(2), n -> n);
                    out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(name, rs.getInt(3));
                }
            }
        }
        return out;
    }
}
