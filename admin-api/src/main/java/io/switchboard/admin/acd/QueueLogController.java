package io.switchboard.admin.acd;

import io.switchboard.admin.http.QueryLimit;
import io.switchboard.admin.http.TimeRange;
import io.switchboard.ivr.acd.QueueEvent;
import io.switchboard.ivr.acd.QueueLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/queue-log?from=&to=&limit=}: every queue event, oldest first, as JSON; with {@code Accept:
 * text/plain} as Asterisk's {@code queue_log} lines ({@code epoch|callid|queue|agent|event|data…}) so existing
 * queue_log reporting tools read it. Without {@code from}, the last 24 hours.
 */
@RestController
@RequestMapping("/api/queue-log")
class QueueLogController {

    static final int DEFAULT_LIMIT = 1000;

    private final QueueLog log;

    QueueLogController(QueueLog log) {
        this.log = log;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<QueueEvent> json(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "limit", required = false) String limit) {
        TimeRange range = range(from, to);
        return log.read(range.from(), range.to(), QueryLimit.parse(limit, DEFAULT_LIMIT, QueueLog.MAX_READ));
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> text(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "limit", required = false) String limit) {
        TimeRange range = range(from, to);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets
                .UTF_8)).body(log.readText(range.from(), range.to(), QueryLimit.parse(limit, DEFAULT_LIMIT,
                        QueueLog.MAX_READ)));
    }

    private static TimeRange range(String from, String to) {
        Instant now = Instant.now();
        return TimeRange.parse(from, to, now.minus(Duration.ofDays(1)), now.plusSeconds(1));
    }
}
