package io.switchboard.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules in force (for {@code GET /api/routing}): the directory, its files, the version, when it was loaded, and
 * the last refused change with its diagnostics (empty when the last load was accepted or none was refused).
 */
public record RoutingStatus(String directory, List<RuleFile> files, String version, Instant loadedAt,
        List<String> rules, Optional<Refusal> lastRefusal, int agents, int waitingCalls) {

    public RoutingStatus {
        files = List.copyOf(files);
        rules = List.copyOf(rules);
    }

    /** A rule set that was not put in force, when and why. */
    public record Refusal(Instant at, List<RuleDiagnostic> diagnostics) {

        public Refusal {
            diagnostics = List.copyOf(diagnostics);
        }
    }
}
