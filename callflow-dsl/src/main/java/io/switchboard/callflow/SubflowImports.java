package io.switchboard.callflow;

import io.switchboard.callflow.parse.Fields;
import io.switchboard.callflow.parse.Problems;
import io.switchboard.callflow.parse.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The sub-flow files a flow file imports ({@code imports: [lib/account-menu.yaml]}, relative to the importing file),
 * each compiled with its own diagnostics. An import cycle is refused at the import that closes it, which also rules
 * out a sub-flow calling itself, directly or through others.
 */
final class SubflowImports {

    private final Path base;
    private final List<Path> chain;
    private boolean broken;

    /**
     * @param base  the directory imports are relative to
     * @param chain the files being compiled, outermost first (to find cycles)
     */
    SubflowImports(Path base, List<Path> chain) {
        this.base = base;
        this.chain = List.copyOf(chain);
    }

    /** The imported sub-flows by id; problems in them or in the list go to {@code problems}. */
    Map<String, CompiledFlow> read(Fields top, Problems problems) {
        Map<String, CompiledFlow> out = new LinkedHashMap<>();
        Node list = top.node("imports").orElse(null);
        if (list == null) {
            return out;
        }
        if (!(list instanceof SequenceNode seq)) {
            problems.error(list, "imports must list sub-flow files", "write imports: [lib/account-menu.yaml]");
            return out;
        }
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s) || s.getValue().isBlank()) {
                problems.error(item, "imports: each entry is a file path", "write imports: [lib/account-menu.yaml]");
                continue;
            }
            Path file = base.resolve(s.getValue().strip()).toAbsolutePath().normalize();
            if (chain.contains(file)) {
                List<String> names = new ArrayList<>();
                chain.subList(chain.indexOf(file), chain.size()).forEach(p -> names.add(p.getFileName().toString()));
                names.add(file.getFileName().toString());
                problems.error(item, "import cycle: " + String.join(" -> ", names),
                        "a sub-flow cannot use itself, directly or through others");
                broken = true;
                continue;
            }
            CompiledFlow sub;
            try {
                List<Path> longer = new ArrayList<>(chain);
                longer.add(file);
                sub = FlowCompiler.compile(file.toString(), SourceFile.read(file), file.getParent(), longer);
            } catch (FlowCompileException e) {
                broken = true;
                if (e.diagnostics().stream().allMatch(d -> d.file().equals(file.toString()) && d.line() == 1
                        && d.message().startsWith("cannot read"))) {
                    problems.error(item, "cannot read imported file " + file + ": " + e.diagnostics().get(0)
                            .message().replaceFirst("^cannot read the file: ", ""), "check the path; it is relative"
                            + " to this file");
                } else {
                    problems.addAll(e.diagnostics());
                }
                continue;
            }
            if (!sub.subflow()) {
                problems.error(item, s.getValue() + " is a flow ('flow: " + sub.id() + "'), not a sub-flow",
                        "start the file with 'subflow: " + sub.id() + "' to call it from other flows");
            } else if (out.putIfAbsent(sub.id(), sub) != null) {
                problems.error(item, "two imports are called '" + sub.id() + "'", "give each sub-flow its own id");
            }
        }
        return out;
    }

    /** Whether an import could not be compiled (calls to it are then not reported as unknown as well). */
    boolean broken() {
        return broken;
    }
}
