package io.switchboard.ivr.acd;

import io.switchboard.ivr.store.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where agents' phones are registered ({@code acd_registration}), kept in PostgreSQL so any node can ring any agent.
 * A registration counts until it expires; an agent whose registration lapsed is never offered a call.
 */
public final class Registrations {

    /** Contacts one agent may have registered at once. */
    public static final int MAX_CONTACTS_PER_AGENT = 5;

    private final Transactions storage;
    private final Clock clock;

    Registrations(Transactions storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** Records that {@code agentId}'s phone is at {@code contact} until {@code expires}; false for an unknown agent. */
    public boolean register(String agentId, String contact, Instant expires) {
        Instant now = clock.instant();
        return storage.inTransaction(c -> {
            try (PreparedStatement exists = c.prepareStatement("select 1 from acd_agent where agent_id = ?")) {
                exists.setString(1, agentId);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement prune = c.prepareStatement(
                    "delete from acd_registration where agent_id = ? and expires <= ?")) {
                prune.setString(1, agentId);
                prune.setTimestamp(2, Timestamp.from(now));
                prune.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into acd_registration (agent_id, contact, expires) values (?, ?, ?)
                    on conflict (agent_id, contact) do update set expires = excluded.expires""")) {
                ps.setString(1, agentId);
                ps.setString(2, contact);
                ps.setTimestamp(3, Timestamp.from(expires));
                ps.executeUpdate();
            }
            try (PreparedStatement trim = c.prepareStatement("""
                    delete from acd_registration where agent_id = ? and contact not in (
                      select contact from acd_registration where agent_id = ? order by expires desc limit ?)""")) {
                trim.setString(1, agentId);
                trim.setString(2, agentId);
                trim.setInt(3, MAX_CONTACTS_PER_AGENT);
                trim.executeUpdate();
            }
            return true;
        });
    }

    public void unregister(String agentId, String contact) {
        storage.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from acd_registration where agent_id = ? and contact = ?")) {
                ps.setString(1, agentId);
                ps.setString(2, contact);
                return ps.executeUpdate();
            }
        });
    }

    /** The contact the agent registered last, while it is current. */
    public Optional<String> contact(String agentId) {
        return storage.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select contact from acd_registration where agent_id = ? and expires > ?
                    order by expires desc limit 1""")) {
                ps.setString(1, agentId);
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Agents with a current registration. */
    public Set<String> registeredAgents() {
        return storage.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select distinct agent_id from acd_registration where expires > ?")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                Set<String> out = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }
}
