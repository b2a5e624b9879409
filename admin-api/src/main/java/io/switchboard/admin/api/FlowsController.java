package io.switchboard.admin.api;

import io.switchboard.callflow.Diagnostic;
import io.switchboard.ivr.flow.FlowVersion;
import io.switchboard.ivr.flow.PublishedFlow;
import io.switchboard.ivr.flow.PublishedFlows;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Flows and their versions: list the live ones, publish a new version (checked first), and move the live alias
 * (rollback). Calls in progress keep the version they started with.
 */
@RestController
@RequestMapping("/api/flows")
class FlowsController {

    private final PublishedFlows flows;

    FlowsController(PublishedFlows flows) {
        this.flows = flows;
    }

    record LiveFlow(String id, int liveVersion, String start, int steps) {}

    record VersionView(int version, String contentHash, String source, String note, Instant publishedAt,
            boolean live) {}

    record Publication(String id, int version, boolean created) {}

    @GetMapping
    List<LiveFlow> live() {
        return flows.all().values().stream().sorted(Comparator.comparing(PublishedFlow::id))
                .map(f -> new LiveFlow(f.id(), f.version(), f.flow().start(), f.flow().steps().size())).toList();
    }

    @GetMapping("/{id}/versions")
    List<VersionView> versions(@PathVariable("id") String id) {
        List<FlowVersion> versions = flows.store().versions(id);
        if (versions.isEmpty()) {
            throw notFound(id);
        }
        int live = flows.live(id).map(PublishedFlow::version).orElse(-1);
        return versions.stream().map(v -> new VersionView(v.version(), v.contentHash(), v.source(), v.note(),
                v.publishedAt(), v.version() == live)).toList();
    }

    /** Publishes the request body (the flow file's YAML) as the next version of {@code id}, live at once. */
    @PostMapping(path = "/{id}/versions", consumes = {"application/yaml", "application/x-yaml", "text/yaml",
        "text/plain"})
    ResponseEntity<Publication> publish(@PathVariable("id") String id, @RequestBody String yaml,
            @RequestParam(name = "note", required = false, defaultValue = "") String note) {
        PublishedFlows.Outcome outcome = flows.publish(id + ".yaml", "api", yaml, note, id);
        if (outcome instanceof PublishedFlows.Outcome.Refused refused) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    "The flow has errors; nothing was published and the live version keeps serving.");
            problem.setTitle("Flow refused");
            problem.setProperty("diagnostics", refused.diagnostics().stream().map(FlowsController::view).toList());
            throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
        }
        FlowVersion v = ((PublishedFlows.Outcome.Live) outcome).version();
        boolean created = ((PublishedFlows.Outcome.Live) outcome).created();
        Publication body = new Publication(v.flowId(), v.version(), created);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/flows/" + v.flowId() + "/versions")).body(body);
    }

    /** Points the live alias at {@code version} (rollback, or forward again). */
    @PutMapping("/{id}/live")
    Publication makeLive(@PathVariable("id") String id, @RequestParam("version") int version) {
        return switch (flows.rollback(id, version)) {
            case PublishedFlows.Rollback.Done done -> new Publication(id, done.version(), false);
            case PublishedFlows.Rollback.NoSuchVersion none -> throw notFound(id + " v" + version);
            case PublishedFlows.Rollback.Refused refused -> {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                        "Version " + version + " of " + id + " no longer compiles against the flows directory (a"
                                + " sub-flow file it imports is missing or changed); the live version keeps serving."
                                + " Restore the sub-flow file, or publish a fixed version.");
                problem.setTitle("Version cannot go live");
                problem.setProperty("diagnostics", refused.diagnostics().stream().map(FlowsController::view)
                        .toList());
                throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
            }
        };
    }

    private static Map<String, Object> view(Diagnostic d) {
        return Map.of("file", d.file(), "line", d.line(), "column", d.column(), "severity", d.severity().label(),
                "message", d.message(), "hint", d.hint());
    }

    private static ErrorResponseException notFound(String what) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No flow version '" + what + "'. GET /api/flows lists the flows.");
        problem.setTitle("Flow not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
