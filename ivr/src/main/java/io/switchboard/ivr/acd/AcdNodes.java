package io.switchboard.ivr.acd;

import io.switchboard.ivr.store.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes sharing the ACD's database ({@code acd_node}): each beats while it runs; a node silent for longer than
 * {@code deadAfter} is taken over by the first node that deletes its row (one statement, so exactly one node
 * recovers it), which then frees the agents and finishes the call backs it left.
 */
final class AcdNodes {

    private static final Logger log = LoggerFactory.getLogger(AcdNodes.class);

    private final Transactions storage;
    private final Clock clock;
    private final String me;
    private final Duration deadAfter;
    private final Consumer<String> recover;
    private long lastBeat;
    private long lastLook;

    /** @param recover frees what a silent node left (called once per node taken over) */
    AcdNodes(Transactions storage, Clock clock, String me, Duration deadAfter, Consumer<String> recover) {
        this.storage = storage;
        this.clock = clock;
        this.me = me;
        this.deadAfter = deadAfter;
        this.recover = recover;
        this.lastBeat = System.nanoTime() - deadAfter.toNanos();
        this.lastLook = System.nanoTime();
    }

    /**
     * Called on every routing pass: beats every tenth of {@code deadAfter} and, as often, takes over silent nodes.
     */
    void tick() {
        long now = System.nanoTime();
        long every = deadAfter.toNanos() / 10;
        if (now - lastBeat >= every) {
            lastBeat = now;
            beat(me);
        }
        if (now - lastLook >= every) {
            lastLook = now;
            for (String silent : takeOverSilent(me, deadAfter)) {
                log.warn("ACD node {} has been silent for over {}: node {} takes over what it left", silent,
                        deadAfter, me);
                recover.accept(silent);
            }
        }
    }

    /** {@code node} is alive now. */
    void beat(String node) {
        storage.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into acd_node (node, seen_at) values (?, ?)
                    on conflict (node) do update set seen_at = excluded.seen_at""")) {
                ps.setString(1, node);
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                return ps.executeUpdate();
            }
        });
    }

    /** Takes over every other node silent for longer than {@code deadAfter}; returns their names. */
    List<String> takeOverSilent(String me, Duration deadAfter) {
        Instant before = clock.instant().minus(deadAfter);
        return storage.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from acd_node where node <> ? and seen_at < ? returning node")) {
                ps.setString(1, me);
                ps.setTimestamp(2, Timestamp.from(before));
                List<String> out = new ArrayList<>();
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
