package io.switchboard.admin.acd;

import io.switchboard.admin.http.ApiRefusal;
import io.switchboard.admin.report.FiguresTable;
import io.switchboard.ivr.acd.AgentActivity;
import io.switchboard.ivr.acd.QueueSnapshot;
import io.switchboard.ivr.acd.QueueSnapshots;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/queues} and {@code /api/queues/{id}}: each queue now, for supervisors: who waits (position, wait),
 * the longest wait, agents by state, call backs pending, today's answered (and within the service level) and
 * abandoned, and the wait a caller joining now is told. Times are in seconds. {@code today} is today's figures in the
 * site's time zone, computed by the reports' calculator with the reports' definitions (docs/kpis.md), the same as
 * the totals of {@code GET /api/reports/queues} for today; the {@code …Today} fields are taken from it.
 */
@RestController
@RequestMapping("/api/queues")
class QueuesController {

    private final QueueSnapshots snapshots;

    QueuesController(QueueSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** A waiting caller. */
    record WaitingView(int position, String callId, String caller, int priority, long waitSeconds) {}

    /** A queue as the API shows it. */
    record QueueView(String id, List<WaitingView> waiting, long longestWaitSeconds, Map<String, Integer> agents,
            int callbacksPending, int answeredToday, int answeredInServiceLevelToday, int abandonedToday,
            long serviceLevelSeconds, Long estimatedWaitSeconds, Map<String, Object> today) {}

    @GetMapping
    List<QueueView> all() {
        return snapshots.all().stream().map(QueuesController::view).toList();
    }

    @GetMapping("/{id}")
    QueueView one(@PathVariable("id") String id) {
        return snapshots.of(id).map(QueuesController::view).orElseThrow(() -> ApiRefusal.of(HttpStatus.NOT_FOUND,
                "Queue not found", "No queue '" + id + "' in queues.yaml. GET /api/queues lists the queues."));
    }

    private static QueueView view(QueueSnapshot q) {
        Map<String, Integer> agents = new LinkedHashMap<>();
        for (AgentActivity a : AgentActivity.values()) {
            agents.put(a.name().toLowerCase(Locale.ROOT).replace('_', '-'), q.agents().getOrDefault(a, 0));
        }
        return new QueueView(q.queue(), q.waiting().stream().map(w -> new WaitingView(w.position(), w.callId(),
                w.caller(), w.priority(), w.waited().toSeconds())).toList(), seconds(q.longestWait()), agents,
                q.callbacksPending(), q.answeredToday(), q.answeredInServiceLevel(), q.abandonedToday(),
                seconds(q.serviceLevel()), q.estimatedWait() == null ? null : q.estimatedWait().toSeconds(),
                FiguresTable.row(q.today()));
    }

    private static long seconds(Duration d) {
        return d == null ? 0 : d.toSeconds();
    }
}
