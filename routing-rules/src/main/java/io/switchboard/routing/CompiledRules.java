package io.switchboard.routing;

import java.time.Instant;
import java.util.List;
import org.kie.api.KieBase;

/**
 * A rule set that compiled and passed its checks: the Drools knowledge base, the files it came from, its version (the
 * first 12 hex digits of a SHA-256 over the files' names and texts) and the names of its rules.
 */
public record CompiledRules(KieBase base, List<RuleFile> files, String version, List<String> ruleNames,
        Instant compiledAt) {

    public CompiledRules {
        files = List.copyOf(files);
        ruleNames = List.copyOf(ruleNames);
    }
}
