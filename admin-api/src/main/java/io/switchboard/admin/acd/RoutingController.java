package io.switchboard.admin.acd;

import io.switchboard.admin.security.AuditLog;
import io.switchboard.ivr.acd.RoutingRules;
import io.switchboard.routing.ReloadResult;
import io.switchboard.routing.RoutingStatus;
import io.switchboard.routing.RuleDiagnostic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/routing}: how the ACD routes now (the rules in force: files, version, when loaded; the last refused
 * change with its diagnostics). {@code PUT /api/routing/files/{name}}: publishes a rules file, checked with the
 * directory's other files exactly as a reload is before anything is written; a refused file answers 422 with
 * {@code file:line} diagnostics and the rules in force keep routing.
 */
@RestController
@RequestMapping("/api/routing")
class RoutingController {

    private final RoutingSetup setup;
    private final AuditLog audit;

    RoutingController(RoutingSetup setup, AuditLog audit) {
        this.setup = setup;
        this.audit = audit;
    }

    /** What {@code GET /api/routing} answers. */
    record RoutingView(String directory, String strategy, String version, Instant loadedAt,
            List<RuleFileView> files, List<String> rules, int agents, int waitingCalls, RefusalView lastRefusal) {}

    record RuleFileView(String name, String sha256) {}

    record RefusalView(Instant at, List<Map<String, Object>> diagnostics) {}

    /** What a publication answers. */
    record Publication(String file, String version, boolean loaded) {}

    @GetMapping
    RoutingView status() {
        if (setup.rules().isEmpty()) {
            return new RoutingView(setup.directory().toString(), "longest-idle", null, null, List.of(), List.of(), 0,
                    0, null);
        }
        RoutingRules.Status status = setup.rules().get().status();
        RefusalView refusal = status.lastRefusal().map(r -> new RefusalView(r.at(), views(r.diagnostics())))
                .orElse(null);
        if (status.inForce().isEmpty()) {
            return new RoutingView(status.directory(), "longest-idle", null, null, List.of(), List.of(), 0, 0,
                    refusal);
        }
        RoutingStatus rules = status.inForce().get();
        return new RoutingView(status.directory(), "rules", rules.version(), rules.loadedAt(),
                rules.files().stream().map(f -> new RuleFileView(f.name(), f.sha256())).toList(), rules.rules(),
                rules.agents(), rules.waitingCalls(), refusal);
    }

    @PutMapping(path = "/files/{name}", consumes = {"text/plain", "application/octet-stream"})
    Publication publish(@PathVariable("name") String name, @RequestBody(required = false) String text) {
        RoutingRules rules = setup.rules().orElseThrow(() -> problem(HttpStatus.CONFLICT, "No rules directory",
                "This server routes by longest idle: there is no rules directory " + setup.directory()
                        + ". Create it (switchboard.routing.dir) with at least one .drl file and restart.", null));
        ReloadResult result = rules.publish(name, text == null ? "" : text);
        if (!result.loaded()) {
            throw problem(HttpStatus.UNPROCESSABLE_CONTENT, "Rules refused", "The rules file has problems; nothing"
                    + " was changed and the rules in force keep routing. Fix the places listed in diagnostics.",
                    views(result.diagnostics()));
        }
        audit.record("routing.publish", name, "version " + result.version());
        return new Publication(name, result.version(), true);
    }

    private static List<Map<String, Object>> views(List<RuleDiagnostic> diagnostics) {
        return diagnostics.stream().map(d -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("file", d.file());
            view.put("line", d.line());
            view.put("column", d.column());
            view.put("message", d.message());
            view.put("text", d.toString());
            return view;
        }).toList();
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail,
            List<Map<String, Object>> diagnostics) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (diagnostics != null) {
            problem.setProperty("diagnostics", diagnostics);
        }
        return new ErrorResponseException(status, problem, null);
    }
}
