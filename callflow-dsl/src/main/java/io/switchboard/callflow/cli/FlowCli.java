package io.switchboard.callflow.cli;

import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.FlowCompiler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code switchboard flow lint FILES|DIRS}: checks flow files and prints compiler-style diagnostics
 * ({@code file:line:col: error: message}); exit status 1 when any file has errors, 2 for bad arguments.
 */
public final class FlowCli {

    static final String USAGE = """
            usage: switchboard flow lint FILES|DIRS
                     switchboard flow test FILES|DIRS
              lint: checks every flow file (*.yaml, *.yml) and prints file:line:col: error|warning: message
              test: runs flow test files (scripted callers) and prints results and coverage""";

    private FlowCli() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() >= 2 && args.get(0).equals("test")) {
            return io.switchboard.callflow.flowtest.FlowTestCommand.run(args.subList(1, args.size()), out, err);
        }
        if (args.isEmpty() || !args.get(0).equals("lint") || args.size() < 2) {
            err.println(args.isEmpty() ? USAGE : "flow: unknown or incomplete command '" + String.join(" ", args)
                    + "'\n" + USAGE);
            return 2;
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args.subList(1, args.size())) {
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    err.println(arg + ": cannot list: " + e.getMessage());
                    return 2;
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                err.println(arg + ": no such file or directory");
                return 2;
            }
        }
        int errors = 0;
        for (Path file : files) {
            try {
                FlowCompiler.compile(file);
            } catch (FlowCompileException e) {
                for (Diagnostic d : e.diagnostics()) {
                    out.println(d);
                    if (d.severity() == Diagnostic.Severity.ERROR) {
                        errors++;
                    }
                }
            }
        }
        out.printf("%d file(s) checked, %d error(s)%n", files.size(), errors);
        return errors > 0 ? 1 : 0;
    }
}
