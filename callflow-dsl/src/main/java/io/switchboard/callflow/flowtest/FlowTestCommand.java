package io.switchboard.callflow.flowtest;

import io.switchboard.callflow.CompiledFlow;
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
 * {@code switchboard flow test FILES|DIRS}: runs flow test files, prints a line per case and the step and edge
 * coverage per flow; exit status 1 when a case fails or a file is broken, 2 for bad arguments.
 */
public final class FlowTestCommand {

    private FlowTestCommand() {}

    public static int run(List<String> paths, PrintStream out, PrintStream err) {
        List<Path> files = new ArrayList<>();
        for (String arg : paths) {
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
        if (files.isEmpty()) {
            err.println("no flow test files in " + paths);
            return 2;
        }
        int failed = 0;
        int passed = 0;
        FlowTestRunner runner = new FlowTestRunner();
        for (Path file : files) {
            FlowTestFile tests;
            CompiledFlow flow;
            try {
                tests = FlowTestFile.read(file);
                flow = FlowCompiler.compile(tests.flow());
            } catch (FlowCompileException e) {
                e.diagnostics().forEach(out::println);
                failed++;
                continue;
            }
            FlowTestRunner.Report report = runner.run(flow, tests.cases());
            out.println(file + " (flow " + flow.id() + ")");
            for (FlowTestRunner.CaseResult r : report.cases()) {
                if (r.passed()) {
                    passed++;
                    out.println("  ok    " + r.testCase().name());
                } else {
                    failed++;
                    out.println("  FAIL  " + r.testCase().name());
                    out.println("        " + r.failure());
                }
            }
            out.printf("  coverage: steps %d/%d, outcome edges %d/%d%n", report.stepsEntered().size(),
                    report.steps(), report.edgesTaken().size(), report.edges());
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed > 0 ? 1 : 0;
    }
}
