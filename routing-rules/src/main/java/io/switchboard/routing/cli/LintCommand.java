package io.switchboard.routing.cli;

import io.switchboard.routing.CompiledRules;
import io.switchboard.routing.RuleCompiler;
import io.switchboard.routing.RuleDiagnostic;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** {@code rules lint DIR…}: compiles and checks each rules directory the way a reload does; prints its diagnostics. */
final class LintCommand {

    private LintCommand() {}

    static int run(List<String> dirs, PrintStream out) {
        int refused = 0;
        RuleCompiler compiler = new RuleCompiler(Clock.systemUTC());
        for (String dir : dirs) {
            RuleCompiler.Compilation compiled = compiler.compile(Path.of(dir));
            if (compiled.ok()) {
                CompiledRules rules = compiled.rules();
                out.println(dir + ": ok, " + rules.files().size() + " file(s), " + rules.ruleNames().size()
                        + " rules, version " + rules.version());
            } else {
                refused++;
                for (RuleDiagnostic diagnostic : compiled.diagnostics()) {
                    out.println(prefixed(dir, diagnostic));
                }
                out.println(dir + ": refused, " + compiled.diagnostics().size() + " problem(s)");
            }
        }
        return refused > 0 ? 1 : 0;
    }

    /** The diagnostic with its file named inside {@code dir} (rule files are named relative to their directory). */
    static String prefixed(String dir, RuleDiagnostic diagnostic) {
        if (diagnostic.file().endsWith(".drl") && !diagnostic.file().contains("/")) {
            return Path.of(dir).resolve(diagnostic.file()) + diagnostic.toString().substring(diagnostic.file()
                    .length());
        }
        return diagnostic.toString();
    }
}
