package io.switchboard.routing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles a rules directory with Drools' executable model and checks the result ({@link RuleCheck}) before anyone
 * routes with it. Compile errors come back as {@code file:line:col} diagnostics; nothing of a refused rule set is kept.
 */
public final class RuleCompiler {

    private static final AtomicLong BUILDS = new AtomicLong();
    private final Clock clock;

    public RuleCompiler(Clock clock) {
        this.clock = clock;
    }

    /** The outcome of compiling and checking: the rules, or why they were refused. */
    public record Compilation(CompiledRules rules, List<RuleDiagnostic> diagnostics) {

        public Compilation {
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean ok() {
            return rules != null;
        }
    }

    public Compilation compile(Path dir) {
        List<RuleDiagnostic> problems = new ArrayList<>();
        Map<String, String> texts = RuleFiles.read(dir, problems);
        if (!problems.isEmpty()) {
            return new Compilation(null, problems);
        }
        return compile(texts);
    }

    /** Compiles rule files given as name → text (names as in a rules directory, e.g. {@code hotline.drl}). */
    public Compilation compile(Map<String, String> texts) {
        List<RuleDiagnostic> problems = new ArrayList<>();
        texts.forEach((name, text) -> {
            RuleDiagnostic deep = RuleFiles.tooDeep(name, text);
            if (deep != null) {
                problems.add(deep);
            }
        });
        if (!problems.isEmpty()) {
            return new Compilation(null, problems);
        }
        KieServices services = KieServices.get();
        ReleaseId release = services.newReleaseId("io.switchboard.routing", "rules-" + BUILDS.incrementAndGet(),
                "1.0.0");
        KieFileSystem fs = services.newKieFileSystem();
        fs.generateAndWritePomXML(release);
        List<RuleFile> files = new ArrayList<>();
        MessageDigest version = sha256();
        texts.forEach((name, text) -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            fs.write("src/main/resources/routing/" + name, bytes);
            files.add(new RuleFile(name, HexFormat.of().formatHex(sha256().digest(bytes))));
            version.update(name.getBytes(StandardCharsets.UTF_8));
            version.update((byte) 0);
            version.update(bytes);
            version.update((byte) 0);
        });
        KieBuilder builder;
        try {
            builder = services.newKieBuilder(fs).buildAll(ExecutableModelProject.class);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            problems.add(RuleDiagnostic.of("rules", "Drools could not build the rules: " + oneLine(e.getMessage())));
            return new Compilation(null, problems);
        }
        DiagnosticLocator locator = new DiagnosticLocator(texts);
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            for (RuleDiagnostic diagnostic : locator.locate(message.getPath(), message.getLine(), message.getColumn(),
                    message.getText())) {
                if (!problems.contains(diagnostic)) {
                    problems.add(diagnostic);
                }
            }
        }
        if (problems.isEmpty() && builder.getResults().hasMessages(Message.Level.ERROR)) {
            problems.add(RuleDiagnostic.of("rules", "Drools refused the rules without saying where"));
        }
        if (!problems.isEmpty()) {
            services.getRepository().removeKieModule(release);
            return new Compilation(null, problems);
        }
        KieBase base;
        try {
            KieContainer container = services.newKieContainer(release);
            base = container.getKieBase();
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            problems.add(RuleDiagnostic.of("rules", "Drools could not load the rules: " + oneLine(e.getMessage())));
            return new Compilation(null, problems);
        } finally {
            services.getRepository().removeKieModule(release);
        }
        List<String> ruleNames = new ArrayList<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                ruleNames.add(rule.getName());
            }
        }
        ruleNames.sort(null);
        CompiledRules rules = new CompiledRules(base, files,
                HexFormat.of().formatHex(version.digest()).substring(0, 12), ruleNames, clock.instant());
        problems.addAll(RuleCheck.check(rules));
        return problems.isEmpty() ? new Compilation(rules, List.of()) : new Compilation(null, problems);
    }

    static String oneLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
