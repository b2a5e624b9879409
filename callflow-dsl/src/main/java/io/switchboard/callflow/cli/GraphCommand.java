package io.switchboard.callflow.cli;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.FlowCompiler;
import io.switchboard.callflow.graph.FlowDiagram;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code switchboard flow graph FILE [--format mermaid|dot]}: the flow's steps and labelled outcome edges. */
final class GraphCommand {

    private GraphCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        String format = "mermaid";
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--format") && i + 1 < args.size()) {
                format = args.get(++i);
            } else if (file == null && !args.get(i).startsWith("--")) {
                file = args.get(i);
            } else {
                err.println("flow graph: unexpected argument '" + args.get(i) + "'");
                return 2;
            }
        }
        if (!List.of("mermaid", "dot").contains(format)) {
            err.println("flow graph: --format is mermaid or dot, got '" + format + "'");
            return 2;
        }
        if (file == null) {
            err.println("flow graph: name a flow file");
            return 2;
        }
        if (Files.isDirectory(Path.of(file))) {
            List<Path> flows = flowsIn(Path.of(file), err);
            if (flows == null) {
                return 2;
            }
            if (flows.size() != 1) {
                err.println("flow graph: " + file + " is a directory with " + (flows.isEmpty() ? "no flow files"
                        : flows.size() + " flow files; name one: " + String.join(", ",
                                flows.stream().map(Path::toString).toList())));
                return 2;
            }
            file = flows.get(0).toString();
        } else if (!Files.isRegularFile(Path.of(file))) {
            err.println("flow graph: " + file + ": no such file or directory");
            return 2;
        }
        try {
            CompiledFlow flow = FlowCompiler.compile(Path.of(file));
            out.print(format.equals("dot") ? FlowDiagram.dot(flow) : FlowDiagram.mermaid(flow));
            return 0;
        } catch (FlowCompileException e) {
            e.diagnostics().forEach(err::println);
            return 1;
        }
    }

    /** The flow files directly in {@code dir} (its lib/ of sub-flows is not searched). */
    private static List<Path> flowsIn(Path dir, PrintStream err) {
        try (java.util.stream.Stream<Path> list = Files.list(dir)) {
            return list.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".yaml")
                    || f.toString().endsWith(".yml"))).sorted().toList();
        } catch (java.io.IOException e) {
            err.println("flow graph: " + dir + ": cannot list: " + e.getMessage());
            return null;
        }
    }
}
