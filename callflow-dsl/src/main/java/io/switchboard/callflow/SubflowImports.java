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
    private final ImportScope scope;
    private final List<Path> chain;
    private boolean broken;

    /**
     * @param base  the directory imports are relative to
     * @param scope where imports may reach, and whether their own diagnostics are shown
     * @param chain the files being compiled, outermost first (to find cycles)
     */
    SubflowImports(Path base, ImportScope scope, List<Path> chain) {
        this.base = base;
        this.scope = scope;
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
            ImportScope.Resolution where = scope.resolve(base, s.getValue().strip());
            if (where instanceof ImportScope.Resolution.Refused refused) {
                problems.error(item, refused.message(), refused.hint());
                broken = true;
                continue;
            }
            Path file = ((ImportScope.Resolution.File) where).file();
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
                sub = FlowCompiler.compile(file.toString(), SourceFile.read(file), file.getParent(), scope, longer);
            } catch (FlowCompileException e) {
                broken = true;
                reportBroken(item, s.getValue().strip(), file, e.diagnostics(), problems);
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

    /**
     * An imported file that does not compile: its own diagnostics when the scope shows them, otherwise one error at
     * the import that says where the first problem is and quotes nothing of the file.
     */
    private void reportBroken(Node item, String written, Path file, List<Diagnostic> diagnostics,
            Problems problems) {
        boolean unreadable = diagnostics.stream().allMatch(d -> d.file().equals(file.toString()) && d.line() == 1
                && d.message().startsWith("cannot read"));
        if (unreadable) {
            problems.error(item, "cannot read imported file '" + written + "'"
                    + (scope.showImported() ? ": " + diagnostics.get(0).message()
                            .replaceFirst("^cannot read the file: ", "") : ""),
                    "check the path; it is relative to this file");
        } else if (scope.showImported()) {
            problems.addAll(diagnostics);
        } else {
            List<Diagnostic> errors = diagnostics.stream()
                    .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
            Diagnostic first = errors.isEmpty() ? diagnostics.get(0) : errors.get(0);
            problems.error(item, "imported file '" + written + "' has " + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + " (the first at line " + first.line() + ", column "
                    + first.column() + ")", "fix it in the flows directory; ./switchboard flow lint shows each one");
        }
    }

    /** Whether an import could not be compiled (calls to it are then not reported as unknown as well). */
    boolean broken() {
        return broken;
    }
}
