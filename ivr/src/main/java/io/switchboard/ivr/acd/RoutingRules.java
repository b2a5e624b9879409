package io.switchboard.ivr.acd;

import io.switchboard.routing.ReloadResult;
import io.switchboard.routing.RoutingStatus;
import io.switchboard.routing.RuleDiagnostic;
import io.switchboard.routing.RuleRouter;
import io.switchboard.routing.RulesRefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing rules of a directory as the server runs them: loaded at start (refused rules leave the default
 * strategy deciding), watched (a changed {@code *.drl} file is compiled and checked before it replaces the rules in
 * force; a refused one leaves them routing, its diagnostics kept for {@link #status()}), and published one file at a
 * time ({@link #publish}: checked with the directory's other files before anything is written). Feed it to the ACD
 * as {@code new RulesRouter(rules::current, new LongestIdleRouter(), clock)}.
 */
public final class RoutingRules implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingRules.class);

    /** A publishable file name: the rules directory's own naming rule, and nothing that leaves the directory. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.drl");
    /** Largest rules file accepted (the rule compiler's own bound). */
    public static final int MAX_FILE_BYTES = 512 * 1024;

    private final Path directory;
    private final Clock clock;
    private final Thread watcher;
    private volatile RuleRouter current;
    private volatile RoutingStatus.Refusal refusedAtStart;
    private volatile String seen;

    private RoutingRules(Path directory, Clock clock, Duration check) {
        this.directory = directory.toAbsolutePath().normalize();
        this.clock = clock;
        this.seen = fingerprint();
        try {
            current = RuleRouter.load(this.directory, clock);
            log.info("Routing rules in force from {} (version {})", this.directory, current.status().version());
        } catch (RulesRefusedException e) {
            refusedAtStart = new RoutingStatus.Refusal(clock.instant(), e.diagnostics());
            log.error("Routing rules in {} refused; the ACD routes by longest idle until they are fixed: {}",
                    this.directory, e.getMessage());
        }
        this.watcher = check.isZero() ? null : Thread.ofPlatform().daemon().name("routing-rules-watch")
                .start(() -> watch(check));
    }

    /**
     * The rules of {@code directory}, checked for changes every {@code check} (zero: never, reload by hand), or
     * empty when there is no such directory (the ACD keeps its default strategy).
     */
    public static Optional<RoutingRules> open(Path directory, Clock clock, Duration check) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        return Optional.of(new RoutingRules(directory, clock, check));
    }

    /** The rules in force, or {@code null} while none are (refused at start and not fixed since). */
    public RuleRouter current() {
        return current;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Compiles and checks the directory again; the new rules replace those in force only when they pass.
     * Synchronized: the watcher and a publication never reload at once.
     */
    public synchronized ReloadResult reload() {
        seen = fingerprint();
        RuleRouter rules = current;
        if (rules != null) {
            ReloadResult result = rules.reload();
            report(result);
            return result;
        }
        try {
            current = RuleRouter.load(directory, clock);
            refusedAtStart = null;
            ReloadResult result = new ReloadResult(true, current.status().version(), List.of());
            report(result);
            return result;
        } catch (RulesRefusedException e) {
            refusedAtStart = new RoutingStatus.Refusal(clock.instant(), e.diagnostics());
            ReloadResult result = new ReloadResult(false, "", e.diagnostics());
            report(result);
            return result;
        }
    }

    /**
     * Writes rules file {@code name} with {@code text} if the directory with it passes the same compile and check
     * as a reload (nothing is written otherwise), then reloads.
     *
     * @return the reload's result, or a refusal with the diagnostics of the check (nothing written)
     */
    public synchronized ReloadResult publish(String name, String text) {
        List<RuleDiagnostic> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(RuleDiagnostic.of(String.valueOf(name), "a rules file is named with letters, digits, '.',"
                    + " '_' and '-', ending in .drl (for example hotline.drl)"));
        } else if (text.getBytes(StandardCharsets.UTF_8).length > MAX_FILE_BYTES) {
            problems.add(RuleDiagnostic.of(name, "larger than " + MAX_FILE_BYTES + " bytes"));
        }
        if (!problems.isEmpty()) {
            return new ReloadResult(false, version(), problems);
        }
        Path staging = null;
        try {
            staging = Files.createTempDirectory("routing-check");
            try (Stream<Path> files = Files.list(directory)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".drl")
                        && Files.isRegularFile(p)).toList()) {
                    Files.copy(f, staging.resolve(f.getFileName().toString()));
                }
            }
            Files.writeString(staging.resolve(name), text, StandardCharsets.UTF_8);
            try (RuleRouter checked = RuleRouter.load(staging, clock)) {
                log.debug("Rules file {} passed its check (version {})", name, checked.status().version());
            }
            Path written = directory.resolve(name);
            Path part = Files.createTempFile(directory, ".publish-", ".part");
            Files.writeString(part, text, StandardCharsets.UTF_8);
            Files.move(part, written, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (RulesRefusedException e) {
            return new ReloadResult(false, version(), e.diagnostics());
        } catch (IOException e) {
            return new ReloadResult(false, version(), List.of(RuleDiagnostic.of(name, "cannot be written: "
                    + e.getMessage())));
        } finally {
            deleteQuietly(staging);
        }
        return reload();
    }

    /** What {@code GET /api/routing} shows. */
    public Status status() {
        RuleRouter rules = current;
        Optional<RoutingStatus> inForce = rules == null ? Optional.empty() : Optional.of(rules.status());
        Optional<RoutingStatus.Refusal> refusal = rules == null ? Optional.ofNullable(refusedAtStart)
                : inForce.get().lastRefusal();
        return new Status(directory.toString(), inForce, refusal);
    }

    /**
     * @param inForce     the rules routing now (empty: none, the default strategy routes)
     * @param lastRefusal the last change refused, with its diagnostics
     */
    public record Status(String directory, Optional<RoutingStatus> inForce,
            Optional<RoutingStatus.Refusal> lastRefusal) {}

    @Override
    public void close() {
        if (watcher != null) {
            watcher.interrupt();
        }
        RuleRouter rules = current;
        if (rules != null) {
            rules.close();
        }
    }

    private String version() {
        RuleRouter rules = current;
        return rules == null ? "" : rules.status().version();
    }

    private void watch(Duration check) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(check);
                if (!fingerprint().equals(seen)) {
                    reload();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Checking the routing rules in {} failed: {}", directory, e.toString());
            }
        }
    }

    /** The {@code *.drl} files' names, sizes and modification times: what tells a changed directory. */
    private String fingerprint() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList()) {
                out.append(f.getFileName()).append(' ').append(Files.size(f)).append(' ')
                        .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
            }
        } catch (IOException e) {
            out.append("unreadable: ").append(e.getMessage());
        }
        return out.toString();
    }

    private void report(ReloadResult result) {
        if (result.loaded()) {
            log.info("Routing rules reloaded from {} (version {})", directory, result.version());
        } else {
            log.warn("Routing rules change in {} refused; the rules in force keep routing: {}", directory,
                    result.diagnostics());
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.debug("Could not remove {}: {}", dir, e.getMessage());
        }
    }
}
