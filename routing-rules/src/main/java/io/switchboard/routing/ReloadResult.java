package io.switchboard.routing;

import java.util.List;

/**
 * What a reload did: {@code loaded} with the new version, or refused with the diagnostics (the previous rules keep
 * routing; {@code version} is then theirs).
 */
public record ReloadResult(boolean loaded, String version, List<RuleDiagnostic> diagnostics) {

    public ReloadResult {
        diagnostics = List.copyOf(diagnostics);
    }
}
