package io.switchboard.callflow.flowtest;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.FlowCompiler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code switchboard flow test FILES|DIRS}: runs flow test files, prints a line per case and the step and edge
 * coverage per flow; exit status 1 when a case fails or a file is broken, 2 for bad arguments.
 */
public final class FlowTestCommand {

    private FlowTestCommand() {}

    public static int run(List<String> paths, PrintStream out, PrintStream err) {
        FlowTestFiles found;
        try {
            found = FlowTestFiles.find(paths);
        } catch (IllegalArgumentException e) {
            err.println("flow test: " + e.getMessage());
            return 2;
        }
        List<Path> files = found.tests();
        found.skippedNote().ifPresent(out::println);
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
