package io.switchboard.callflow.cli;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.FlowCompiler;
import io.switchboard.callflow.lint.FlowLinter;
import io.switchboard.callflow.lint.PromptCatalog;
import io.switchboard.callflow.queue.QueueRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code switchboard flow lint FILES|DIRS [--prompts DIR] [--queues FILE] [--format text|json]}: compiles and lints
 * flow files; exit status 1 when any has errors.
 */
final class LintCommand {

    private LintCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> paths = new ArrayList<>();
        Path promptDir = null;
        Path queueFile = null;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--prompts") || a.equals("--format") || a.equals("--queues")) && i + 1 >= args.size()) {
                err.println("flow lint: " + a + " needs a value");
                return 2;
            }
            switch (a) {
                case "--prompts" -> promptDir = Path.of(args.get(++i));
                case "--queues" -> queueFile = Path.of(args.get(++i));
                case "--format" -> {
                    String f = args.get(++i);
                    if (!f.equals("json") && !f.equals("text")) {
                        err.println("flow lint: --format is text or json, got '" + f + "'");
                        return 2;
                    }
                    json = f.equals("json");
                }
                default -> paths.add(a);
            }
        }
        List<Path> files = FlowFiles.find(paths, err);
        if (files == null) {
            return 2;
        }
        PromptCatalog prompts = catalog(promptDir);
        List<Diagnostic> all = new ArrayList<>();
        QueueRegistry queues = null;
        Path registry = queueFile != null ? queueFile : Stream.of(Path.of("queues.yaml"), Path.of("..", "queues.yaml"))
                .filter(Files::isRegularFile).findFirst().orElse(null);
        if (registry != null) {
            try {
                queues = QueueRegistry.read(registry);
            } catch (FlowCompileException e) {
                all.addAll(e.diagnostics());
            }
        }
        for (Path file : files) {
            try {
                CompiledFlow flow = FlowCompiler.compile(file);
                all.addAll(FlowLinter.lint(flow, prompts, queues));
            } catch (FlowCompileException e) {
                all.addAll(e.diagnostics());
            }
        }
        all = new ArrayList<>(new java.util.LinkedHashSet<>(all)); // a sub-flow is linted with every flow that uses it
        long errors = all.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
        if (json) {
            out.println(DiagnosticsJson.write(all));
        } else {
            all.forEach(out::println);
            out.printf("%d file(s) checked, %d error(s), %d warning(s)%n", files.size(), errors,
                    all.size() - errors);
        }
        return errors > 0 ? 1 : 0;
    }

    /** The given prompt directory, else ./prompts or ../prompts when present, else no prompt check. */
    private static PromptCatalog catalog(Path dir) {
        if (dir != null) {
            return PromptCatalog.directory(dir);
        }
        for (Path p : List.of(Path.of("prompts"), Path.of("..", "prompts"))) {
            if (Files.isDirectory(p)) {
                return PromptCatalog.directory(p);
            }
        }
        return PromptCatalog.ANY;
    }
}
