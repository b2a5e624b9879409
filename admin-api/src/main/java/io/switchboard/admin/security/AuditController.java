package io.switchboard.admin.security;

import io.switchboard.admin.http.QueryLimit;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
        Instant start = instant("from", from, Instant.EPOCH);
        Instant end = instant("to", to, Instant.now().plusSeconds(1));
        if (!start.isBefore(end)) {
            throw ApiRefusal.badRequest("Invalid time range", "'from' (" + start + ") must be before 'to' (" + end
                    + ").");
        }
        return audit.between(start, end, QueryLimit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    private static Instant instant(String name, String value, Instant otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiRefusal.badRequest("Invalid " + name, "Query parameter '" + name + "' must be an ISO-8601 UTC"
                    + " time such as 2026-11-30T09:00:00Z; got '" + value + "'.");
        }
    }
}
