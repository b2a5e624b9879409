package io.switchboard.admin.api;

import io.switchboard.admin.http.ApiRefusal;
import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.graph.FlowDiagram;
import io.switchboard.callflow.step.Step;
import io.switchboard.ivr.flow.PublishedFlow;
import io.switchboard.ivr.flow.PublishedFlows;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the flows page draws: {@code GET /api/flows/{id}/diff?from=N&to=M} (a line diff of two published versions)
 * and {@code GET /api/flows/{id}/graph} (the live version's steps and the outcomes between them).
 */
@RestController
@RequestMapping("/api/flows/{id}")
class FlowInspectController {

    private final PublishedFlows flows;

    FlowInspectController(PublishedFlows flows) {
        this.flows = flows;
    }

    record Diff(String id, int from, int to, int added, int removed, List<FlowDiff.Line> lines) {}

    record Node(String id, String kind, boolean start) {}

    record Graph(String id, int version, List<Node> nodes, List<FlowDiagram.Edge> edges) {}

    @GetMapping("/diff")
    Diff diff(@PathVariable("id") String id, @RequestParam("from") int from, @RequestParam("to") int to) {
        String older = content(id, from);
        String newer = content(id, to);
        List<FlowDiff.Line> lines = FlowDiff.between(older, newer);
        return new Diff(id, from, to, (int) lines.stream().filter(l -> l.op().equals("+")).count(),
                (int) lines.stream().filter(l -> l.op().equals("-")).count(), lines);
    }

    @GetMapping("/graph")
    Graph graph(@PathVariable("id") String id) {
        PublishedFlow live = flows.live(id).orElseThrow(() -> ApiRefusal.of(HttpStatus.NOT_FOUND, "Flow not found",
                "No live flow '" + id + "'. GET /api/flows lists the flows."));
        CompiledFlow flow = live.flow();
        List<Node> nodes = flow.steps().values().stream().map(s -> new Node(s.id(), kind(s),
                s.id().equals(flow.start()))).toList();
        return new Graph(id, live.version(), nodes, FlowDiagram.edges(flow));
    }

    private String content(String id, int version) {
        return flows.store().content(id, version).orElseThrow(() -> ApiRefusal.of(HttpStatus.NOT_FOUND,
                "Flow not found", "No flow version '" + id + " v" + version + "'. GET /api/flows/" + id
                        + "/versions lists its versions."));
    }

    /** {@code MenuStep} → {@code menu}. */
    private static String kind(Step step) {
        return step.getClass().getSimpleName().replaceFirst("Step$", "").toLowerCase(Locale.ROOT);
    }
}
