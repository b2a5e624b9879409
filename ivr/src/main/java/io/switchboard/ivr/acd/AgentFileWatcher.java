package io.switchboard.ivr.acd;

import io.switchboard.callflow.FlowCompileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code agents.yaml} again whenever it changes (checked every {@code interval}, by modification time and
 * size): a clean file replaces the file's agents without a restart; a broken one is refused with its
 * {@code file:line:col} diagnostics and the agents applied before keep serving.
 */
final class AgentFileWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentFileWatcher.class);
    private static final Duration QUIET = Duration.ofMillis(200);

    /** What one look at the file found. */
    sealed interface Outcome {
        record Applied(AgentRoster roster) implements Outcome {}

        record Refused(FlowCompileException problems) implements Outcome {}
    }

    private final Path file;
    private final AgentDirectory directory;
    private final Consumer<Outcome> outcomes;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean closed;
    private FileTime seenTime;
    private long seenSize = -1;

    AgentFileWatcher(Path file, AgentDirectory directory, Duration interval, Consumer<Outcome> outcomes) {
        this.file = Objects.requireNonNull(file, "file");
        this.directory = directory;
        this.interval = interval;
        this.outcomes = outcomes;
        remember();
        this.thread = Thread.ofVirtual().name("agents-file-watcher").start(this::watch);
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            if (changed() && settled()) {
                apply();
            }
        }
    }

    /** Applies the file now; what happened goes to the outcome listener too. */
    Outcome apply() {
        remember();
        Outcome outcome;
        try {
            AgentRoster roster = directory.applyFile(file);
            log.info("Applied {}: {} agent(s)", file, roster.agents().size());
            outcome = new Outcome.Applied(roster);
        } catch (FlowCompileException e) {
            log.warn("Refused {}; the agents applied before keep serving:\n{}", file, e.getMessage());
            outcome = new Outcome.Refused(e);
        }
        outcomes.accept(outcome);
        return outcome;
    }

    /** Editors write in steps (truncate, then write): apply only once size and time stay put for a moment. */
    private boolean settled() {
        try {
            FileTime time = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Thread.sleep(QUIET);
            return time.equals(Files.getLastModifiedTime(file)) && size == Files.size(file);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean changed() {
        try {
            return Files.exists(file) && (!Files.getLastModifiedTime(file).equals(seenTime)
                    || Files.size(file) != seenSize);
        } catch (IOException e) {
            return false;
        }
    }

    private void remember() {
        try {
            seenTime = Files.getLastModifiedTime(file);
            seenSize = Files.size(file);
        } catch (IOException e) {
            seenTime = null;
            seenSize = -1;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
