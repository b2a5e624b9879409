package io.switchboard.callflow.cli;

import io.switchboard.callflow.flowtest.FlowTestCommand;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code switchboard flow …}: {@code lint} (compiler-style diagnostics, exit 1 on errors), {@code test} (flow tests
 * with scripted callers), {@code graph} (Mermaid or Graphviz). Exit status 2 for bad arguments.
 */
public final class FlowCli {

    static final String USAGE = """
            usage: switchboard flow lint FILES|DIRS [--prompts DIR] [--format text|json]
                   switchboard flow test FILES|DIRS
                   switchboard flow test --server sip:100@127.0.0.1:5060 FILES|DIRS   (over SIP, by the simulator)
                   switchboard flow graph FILE [--format mermaid|dot]
              lint:  checks flow files; prints file:line:col: error|warning: message (hint); exit 1 on errors
              test:  runs flow test files (scripted callers); prints results and coverage; exit 1 on failures
              graph: draws the steps and their outcome edges""";

    private FlowCli() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        String command = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        if (command.equals("test") && rest.stream().anyMatch(a -> a.equals("--server") || a.startsWith("--server="))) {
            err.println("flow test --server calls a running server: the simulator does that; run it as"
                    + " ./switchboard flow test --server URI FILES|DIRS");
            return 2;
        }
        int status = switch (command) {
            case "lint" -> LintCommand.run(rest, out, err);
            case "test" -> rest.isEmpty() ? 2 : FlowTestCommand.run(rest, out, err);
            case "graph" -> GraphCommand.run(rest, out, err);
            default -> 2;
        };
        if (status == 2) {
            if (!command.isEmpty() && !List.of("lint", "test", "graph").contains(command)) {
                err.println("flow: unknown command '" + command + "'");
            }
            err.println(USAGE);
        }
        return status;
    }
}
