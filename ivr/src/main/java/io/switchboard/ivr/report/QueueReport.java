package io.switchboard.ivr.report;

import java.util.List;

/**
 * A queue report: one row per queue and interval that had calls or call backs, and totals per queue over the whole
 * period (every queue of queues.yaml, and any other queue with data).
 */
public record QueueReport(ReportPeriod period, KpiDefinitions definitions, List<QueueFigures> rows,
        List<QueueFigures> totals) {

    public QueueReport {
        rows = List.copyOf(rows);
        totals = List.copyOf(totals);
    }
}
