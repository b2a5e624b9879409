package io.switchboard.ivr.report;

import java.util.List;

/** An agent report: one row per agent and interval with calls or time logged in, and totals per agent. */
public record AgentReport(ReportPeriod period, KpiDefinitions definitions, List<AgentFigures> rows,
        List<AgentFigures> totals) {

    public AgentReport {
        rows = List.copyOf(rows);
        totals = List.copyOf(totals);
    }
}
