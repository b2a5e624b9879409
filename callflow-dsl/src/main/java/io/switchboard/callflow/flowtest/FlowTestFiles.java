package io.switchboard.callflow.flowtest;

import io.switchboard.callflow.parse.Problems;
import io.switchboard.callflow.parse.SourceFile;
import io.switchboard.callflow.parse.YamlTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The flow test files a command line names: files as given, and directories searched (with their subdirectories)
 * for {@code *.yaml} / {@code *.yml}. A directory may hold flows as well as their tests ({@code flow test flows/}):
 * files that are flows or sub-flows (they have {@code steps:}) are passed over and listed, so they are never read as
 * broken test files. A flow file named on its own is an error that says which file to name instead.
 *
 * @param tests   the test files, in name order
 * @param skipped flow and sub-flow files found in the directories and passed over
 */
public record FlowTestFiles(List<Path> tests, List<Path> skipped) {

    /**
     * @throws IllegalArgumentException with a message for the person at the command line
     */
    public static FlowTestFiles find(List<String> args) {
        List<Path> tests = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (String arg : args) {
            Path p = Path.of(arg);
            if (Files.isRegularFile(p)) {
                if (isFlow(p)) {
                    throw new IllegalArgumentException(arg + " is a flow file, not a flow test file (a test file"
                            + " names its flow with 'flow: ../file.yaml' and lists 'cases:'); name its tests, e.g."
                            + " flows/tests");
                }
                tests.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : walk.filter(FlowTestFiles::isYaml).sorted().toList()) {
                        (isFlow(f) ? skipped : tests).add(f);
                    }
                } catch (IOException | UncheckedIOException e) {
                    throw new IllegalArgumentException(arg + ": cannot list: " + e.getMessage());
                }
            } else {
                throw new IllegalArgumentException(arg + ": no such file or directory");
            }
        }
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("no flow test files in " + args
                    + (skipped.isEmpty() ? "" : " (only flow files: " + skipped + ")"));
        }
        return new FlowTestFiles(List.copyOf(tests), List.copyOf(skipped));
    }

    /** One line for the person at the command line about the flow files passed over; empty when none. */
    public Optional<String> skippedNote() {
        if (skipped.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("(" + skipped.size() + " flow file" + (skipped.size() == 1 ? "" : "s")
                + " passed over, not tests: " + String.join(", ", skipped.stream().map(Path::toString).toList())
                + ")");
    }

    private static boolean isYaml(Path f) {
        String name = f.getFileName().toString();
        return Files.isRegularFile(f) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** Whether a file is a flow or sub-flow (top-level steps:); a file that does not parse is not judged one. */
    static boolean isFlow(Path file) {
        try {
            Problems problems = new Problems(file.toString());
            Optional<Node> root = YamlTree.compose(SourceFile.read(file), problems);
            if (root.isEmpty() || !(root.get() instanceof MappingNode map)) {
                return false;
            }
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k
                        && (k.getValue().equals("steps") || k.getValue().equals("subflow"))) {
                    return true;
                }
            }
            return false;
        } catch (io.switchboard.callflow.FlowCompileException e) {
            return false;
        }
    }
}
