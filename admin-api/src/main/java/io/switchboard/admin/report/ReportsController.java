package io.switchboard.admin.report;

import io.switchboard.admin.http.ApiRefusal;
import io.switchboard.admin.http.TimeRange;
import io.switchboard.ivr.report.AgentFigures;
import io.switchboard.ivr.report.AgentReport;
import io.switchboard.ivr.report.KpiDefinitions;
import io.switchboard.ivr.report.QueueFigures;
import io.switchboard.ivr.report.QueueReport;
import io.switchboard.ivr.report.ReportInterval;
import io.switchboard.ivr.report.ReportPeriod;
import io.switchboard.ivr.report.ReportTooLargeException;
import io.switchboard.ivr.report.Reports;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/queues} and {@code /api/reports/agents}: the KPIs of docs/kpis.md per queue (or agent) and
 * interval, with totals, over at most 92 days; JSON, or CSV with {@code Accept: text/csv} or {@code format=csv}.
 * {@code from}/{@code to} are ISO-8601 times or local dates of the site's time zone (default: today).
 */
@RestController
@RequestMapping("/api/reports")
class ReportsController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Reports reports;

    ReportsController(Reports reports) {
        this.reports = reports;
    }

    @GetMapping("/queues")
    ResponseEntity<?> queues(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "interval", required = false) String interval,
            @RequestParam(name = "format", required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return answer("queues", QueueFigures.class, period(from, to, interval), csv(format, accept), p -> {
            QueueReport r = reports.queues(p);
            return new Table(r.definitions(), r.rows(), r.totals());
        });
    }

    @GetMapping("/agents")
    ResponseEntity<?> agents(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "interval", required = false) String interval,
            @RequestParam(name = "format", required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return answer("agents", AgentFigures.class, period(from, to, interval), csv(format, accept), p -> {
            AgentReport r = reports.agents(p);
            return new Table(r.definitions(), r.rows(), r.totals());
        });
    }

    /** A report's figures, whatever they are of. */
    private record Table(KpiDefinitions definitions, List<? extends Record> rows, List<? extends Record> totals) {}

    private static ResponseEntity<?> answer(String what, Class<? extends Record> type, ReportPeriod period,
            boolean csv, java.util.function.Function<ReportPeriod, Table> report) {
        Table table;
        try {
            table = report.apply(period);
        } catch (ReportTooLargeException e) {
            throw ApiRefusal.badRequest("Report too large", "The report would have more than " + Reports.MAX_ROWS
                    + " rows: ask for interval=hour or interval=day, or a shorter period.");
        }
        if (csv) {
            String name = what + "-" + period.from().atZone(period.zone()).toLocalDate() + ".csv";
            return ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                    .body(FiguresTable.csv(type, table.rows(), table.totals()));
        }
        return ResponseEntity.ok(body(period, table.definitions(), table.rows(), table.totals()));
    }

    private ReportPeriod period(String from, String to, String interval) {
        ReportPeriod today = reports.today();
        TimeRange range = TimeRange.parse(from, to, today.from(), today.to(), reports.definitions().zone());
        ReportInterval cut;
        try {
            cut = interval == null ? ReportInterval.HOUR : ReportInterval.parse(interval);
        } catch (IllegalArgumentException e) {
            throw ApiRefusal.badRequest("Invalid interval", "Query parameter 'interval' must be 15m, hour or day;"
                    + " got '" + interval + "'.");
        }
        try {
            return reports.period(range.from(), range.to(), cut);
        } catch (IllegalArgumentException e) {
            java.time.ZoneId zone = reports.definitions().zone();
            throw ApiRefusal.badRequest("Period too long", "A report covers at most "
                    + ReportPeriod.MAX_LENGTH.toDays() + " days; this asks for "
                    + java.time.Duration.between(range.from(), range.to()).toDays() + ". Ask for a shorter period,"
                    + " such as from=" + range.from().atZone(zone).toLocalDate() + "&to="
                    + range.from().plus(ReportPeriod.MAX_LENGTH).atZone(zone).toLocalDate() + ".");
        }
    }

    private static boolean csv(String format, String accept) {
        if (format != null) {
            return switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiRefusal.badRequest("Invalid format", "Query parameter 'format' must be csv or"
                        + " json; got '" + format + "'.");
            };
        }
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
    }

    private static Map<String, Object> body(ReportPeriod period, KpiDefinitions definitions,
            List<? extends Record> rows, List<? extends Record> totals) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", FiguresTable.time(period.from().atZone(period.zone())));
        out.put("to", FiguresTable.time(period.to().atZone(period.zone())));
        out.put("interval", period.interval().text());
        out.put("timeZone", period.zone().getId());
        Map<String, Object> defs = new LinkedHashMap<>();
        defs.put("shortAbandonSeconds", definitions.shortAbandon().toSeconds());
        defs.put("serviceLevelBasis", definitions.basis().text());
        defs.put("repeatWindowSeconds", definitions.repeatWindow().toSeconds());
        out.put("definitions", defs);
        out.put("rows", FiguresTable.rows(rows));
        out.put("totals", FiguresTable.rows(totals));
        return out;
    }
}
