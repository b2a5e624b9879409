package io.switchboard.admin.security;

import io.switchboard.admin.http.TimeRange;
import io.switchboard.admin.http.QueryLimit;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit?from=&to=&limit=}: who changed what, newest first (admin only). */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    List<AuditLog.Entry> entries(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "limit", required = false) String limit) {
        TimeRange range = TimeRange.parse(from, to, Instant.EPOCH, Instant.now().plusSeconds(1));
        return audit.between(range.from(), range.to(), QueryLimit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }
}
