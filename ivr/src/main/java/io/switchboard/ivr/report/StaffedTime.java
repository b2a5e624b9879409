package io.switchboard.ivr.report;

import io.switchboard.ivr.store.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * When agents were logged in and when paused, replayed from the queue log's AGENTLOGIN, AGENTLOGOFF, PAUSE and
 * UNPAUSE lines (each agent's state at the start of the period is its last such line before it), spread over the
 * report's intervals.
 */
final class StaffedTime {

    /** Receives, for one agent and interval, time logged in and of that time paused (not ready). */
    interface Each {
        void staffed(String agent, ZonedDateTime interval, Duration loggedIn, Duration paused);
    }

    private static final String[] EVENTS = {"AGENTLOGIN", "AGENTLOGOFF", "PAUSE", "UNPAUSE"};

    private final Transactions storage;

    StaffedTime(Transactions storage) {
        this.storage = storage;
    }

    /** Replays the period up to {@code until} (the period's end, or now when that is earlier). */
    void read(ReportPeriod period, Instant until, Each each) {
        Map<String, State> states = new HashMap<>();
        storage.read(c -> {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("""
                        select distinct on (agent) agent, event from acd_queue_log
                        where event = any (?) and time < ? order by agent, time desc, id desc""")) {
                    ps.setArray(1, c.createArrayOf("text", EVENTS));
                    ps.setTimestamp(2, Timestamp.from(period.from()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            states.put(rs.getString(1), new State(period.from()).after(rs.getString(2)));
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        select time, agent, event from acd_queue_log
                        where event = any (?) and time >= ? and time < ? order by time, id""")) {
                    ps.setFetchSize(1000);
                    ps.setArray(1, c.createArrayOf("text", EVENTS));
                    ps.setTimestamp(2, Timestamp.from(period.from()));
                    ps.setTimestamp(3, Timestamp.from(until));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Instant time = rs.getTimestamp(1).toInstant();
                            String agent = rs.getString(2);
                            State s = states.computeIfAbsent(agent, a -> new State(period.from()));
                            s.until(time, agent, period, each);
                            states.put(agent, s.at(time).after(rs.getString(3)));
                        }
                    }
                }
            } finally {
                c.rollback();
            }
            return null;
        });
        states.forEach((agent, s) -> s.until(until, agent, period, each));
    }

    /** An agent's state since {@code since}. */
    private static final class State {
        private Instant since;
        private boolean loggedIn;
        private boolean paused;

        State(Instant since) {
            this.since = since;
        }

        State at(Instant time) {
            since = time;
            return this;
        }

        /** The state after {@code event}, as AgentStates writes them (PAUSE logs in first when needed). */
        State after(String event) {
            switch (event) {
                case "AGENTLOGIN" -> {
                    loggedIn = true;
                    paused = false;
                }
                case "AGENTLOGOFF" -> {
                    loggedIn = false;
                    paused = false;
                }
                case "PAUSE" -> {
                    loggedIn = true;
                    paused = true;
                }
                default -> paused = false;
            }
            return this;
        }

        void until(Instant end, String agent, ReportPeriod period, Each each) {
            if (loggedIn && since.isBefore(end)) {
                period.spread(since, end, (interval, time) -> each.staffed(agent, interval, time,
                        paused ? time : Duration.ZERO));
            }
        }
    }
}
