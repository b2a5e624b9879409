package io.switchboard.ivr.acd;

import io.switchboard.ivr.report.QueueFigures;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One queue now, for {@code GET /api/queues}: who waits (position, wait), the longest wait, its agents by state,
 * call backs pending, today's answered and abandoned calls, and the wait a caller joining now is told.
 *
 * @param waiting           callers waiting at this node, in line order (callers on other nodes are theirs to show)
 * @param agents            agents serving the queue, counted by state
 * @param answeredInServiceLevel today's calls answered within {@code serviceLevel} of hold time
 * @param estimatedWait     what a caller joining now would be told, or null when nothing is known yet
 * @param today             today's figures in the site's time zone, from the reports' calculator (docs/kpis.md);
 *                          {@code answeredToday}, {@code answeredInServiceLevel} and {@code abandonedToday} are its
 */
public record QueueSnapshot(String queue, List<Waiting> waiting, Duration longestWait,
        Map<AgentActivity, Integer> agents, int callbacksPending, int answeredToday, int answeredInServiceLevel,
        int abandonedToday, Duration serviceLevel, Duration estimatedWait, QueueFigures today) {

    public QueueSnapshot {
        waiting = List.copyOf(waiting);
        agents = Map.copyOf(agents);
    }

    /** One waiting caller. */
    public record Waiting(int position, String callId, String caller, int priority, Duration waited) {}
}
