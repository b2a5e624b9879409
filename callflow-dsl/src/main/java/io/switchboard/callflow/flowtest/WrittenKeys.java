package io.switchboard.callflow.flowtest;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.parse.Fields;
import io.switchboard.callflow.parse.Problems;
import io.switchboard.callflow.parse.YamlTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Which keys each case of a flow test file spells out. A {@link FlowTestCase} holds defaults for what a case leaves
 * out (the dialed number, the time of the call); a runner that must tell a written value from a default (over SIP,
 * the server's number and clock stand in for the defaults) asks here.
 */
public final class WrittenKeys {

    private final Map<SourcePos, Set<String>> byCase;

    private WrittenKeys(Map<SourcePos, Set<String>> byCase) {
        this.byCase = Map.copyOf(byCase);
    }

    /** Reads {@code file} as {@link FlowTestFile#read} does; a file it cannot read gives no keys for any case. */
    public static WrittenKeys of(Path file) {
        Problems problems = new Problems(file.toString());
        Map<SourcePos, Set<String>> byCase = new HashMap<>();
        try {
            YamlTree.compose(Files.readString(file), problems).ifPresent(root -> {
                Node cases = Fields.of(root, "the test file", problems).node("cases").orElse(null);
                if (cases instanceof SequenceNode seq) {
                    for (Node c : seq.getValue()) {
                        Fields f = Fields.of(c, "test case", problems);
                        byCase.put(f.pos(), Set.copyOf(f.keys()));
                    }
                }
            });
        } catch (IOException e) {
            return new WrittenKeys(Map.of());
        }
        return new WrittenKeys(byCase);
    }

    /** Whether {@code testCase} writes {@code key} itself (rather than taking the default). */
    public boolean writes(FlowTestCase testCase, String key) {
        return byCase.getOrDefault(testCase.pos(), Set.of()).contains(key);
    }
}
