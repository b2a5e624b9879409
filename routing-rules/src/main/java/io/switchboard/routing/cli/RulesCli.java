package io.switchboard.routing.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code switchboard rules lint DIR…} and {@code switchboard rules test FILE|DIR…}: exit status 0 when all is well, 1
 * when rules are refused or a scenario fails, 2 for a wrong command line.
 */
public final class RulesCli {

    private RulesCli() {}

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            usage(err);
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "lint" -> rest.isEmpty() ? usage(err) : LintCommand.run(rest, out);
            case "test" -> rest.isEmpty() ? usage(err) : TestCommand.run(rest, out, err);
            case "-h", "--help", "help" -> {
                usage(out);
                yield 0;
            }
            default -> {
                err.println("rules: unknown command '" + args.get(0) + "'");
                yield usage(err);
            }
        };
    }

    private static int usage(PrintStream to) {
        to.println("usage: switchboard rules lint DIR...          compile and check routing rules (e.g. routing/)");
        to.println("       switchboard rules test FILE|DIR...     run rule test scenarios (e.g. routing/tests)");
        return 2;
    }
}
