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
        if (file == null || !Files.isRegularFile(Path.of(file)) || !List.of("mermaid", "dot").contains(format)) {
            err.println(file == null ? "flow graph: name a flow file"
                    : !Files.isRegularFile(Path.of(file)) ? file + ": no such file"
                    : "flow graph: --format is mermaid or dot, got '" + format + "'");
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
}
