package io.switchboard.ivr.handoff;

import io.switchboard.ivr.store.Transactions;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The automatic hand-offs: which queue events become a hand-off and to which integration ({@code handoff_rule}).
 * A trigger on the queue log (V31) writes the hand-off in the transaction of the event: every abandoned call with a
 * callable number (the number it entered the queue with), every call back requested, completed or failed, every
 * caller who left the queue for chat (V32: to the chat service, with the priority and the wait).
 */
public final class HandoffRules {

    /** The rule names operators write, and the queue events they stand for. */
    public static final Map<String, String> EVENTS = Map.of("abandon", "ABANDON", "callback-requested",
            "CALLBACK_REQUESTED", "callback-completed", "CALLBACK_COMPLETED", "callback-failed", "CALLBACK_FAILED",
            "chat", "CHATOVERFLOW");

    private final Transactions storage;

    public HandoffRules(DataSource dataSource) {
        this.storage = new Transactions(dataSource, "storing the hand-off rules");
    }

    /** Replaces every rule with {@code rules}: rule name ({@code abandon}…) → integration. */
    public void replace(Map<String, String> rules) {
        Map<String, String> events = new TreeMap<>();
        rules.forEach((name, integration) -> {
            String event = EVENTS.get(name.toLowerCase(Locale.ROOT));
            if (event == null) {
                throw new IllegalArgumentException("switchboard.handoff.on." + name + ": write one of "
                        + new TreeMap<>(EVENTS).keySet());
            }
            events.put(event, integration);
        });
        storage.inTransaction(c -> {
            try (Statement clear = c.createStatement()) {
                clear.executeUpdate("delete from handoff_rule");
            }
            try (PreparedStatement ps = c.prepareStatement("insert into handoff_rule (event, integration)"
                    + " values (?, ?)")) {
                for (Map.Entry<String, String> e : events.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }
}
