package io.switchboard.routing.cli;

import io.switchboard.routing.RuleCompiler;
import io.switchboard.routing.RuleDiagnostic;
import io.switchboard.routing.scenario.ScenarioException;
import io.switchboard.routing.scenario.ScenarioFile;
import io.switchboard.routing.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code rules test FILE|DIR…}: runs rule test files (a directory: its {@code *.yaml} files), one line per scenario,
 * then the rules and escalation steps the scenarios covered. Exit 1 when a scenario fails or a file is broken.
 */
final class TestCommand {

    private TestCommand() {}

    static int run(List<String> paths, PrintStream out, PrintStream err) {
        List<Path> files = new ArrayList<>();
        for (String path : paths) {
            Path p = Path.of(path);
            if (Files.isDirectory(p)) {
                try (Stream<Path> listed = Files.list(p)) {
                    listed.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    err.println("rules test: cannot list " + path + ": " + e.getMessage());
                    return 2;
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                err.println("rules test: no such file or directory: " + path);
                return 2;
            }
        }
        if (files.isEmpty()) {
            err.println("rules test: no .yaml files in " + String.join(" ", paths));
            return 2;
        }
        RuleCompiler compiler = new RuleCompiler(Clock.systemUTC());
        Map<Path, RuleCompiler.Compilation> compiled = new HashMap<>();
        ScenarioRunner runner = new ScenarioRunner();
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            ScenarioFile tests;
            try {
                tests = ScenarioFile.read(file);
            } catch (ScenarioException e) {
                out.println(e.getMessage());
                failed++;
                continue;
            }
            RuleCompiler.Compilation rules = compiled.computeIfAbsent(tests.rules(), compiler::compile);
            if (!rules.ok()) {
                for (RuleDiagnostic diagnostic : rules.diagnostics()) {
                    out.println(LintCommand.prefixed(tests.rules().toString(), diagnostic));
                }
                out.println(file + ": the rules in " + tests.rules() + " are refused");
                failed++;
                continue;
            }
            out.println(file + " (rules " + tests.rules() + ", version " + rules.rules().version() + ")");
            ScenarioRunner.Report report = runner.run(rules.rules(), tests.rules(), tests.scenarios());
            for (ScenarioRunner.Result result : report.results()) {
                if (result.passed()) {
                    passed++;
                    out.println("  ok    " + result.scenario().name());
                } else {
                    failed++;
                    out.println("  FAIL  " + result.scenario().name() + ": " + String.join("; ", result.failures()));
                }
            }
            out.printf("  coverage: rules %d/%d%s, escalation steps %d/%d%s%n",
                    report.allRules().size() - report.rulesNotFired().size(), report.allRules().size(),
                    report.rulesNotFired().isEmpty() ? "" : " (not fired: " + String.join(", ",
                            report.rulesNotFired()) + ")",
                    report.allSteps().size() - report.stepsNotSeen().size(), report.allSteps().size(),
                    report.stepsNotSeen().isEmpty() ? "" : " (not checked: " + String.join(", ",
                            report.stepsNotSeen()) + ")");
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed > 0 ? 1 : 0;
    }
}
