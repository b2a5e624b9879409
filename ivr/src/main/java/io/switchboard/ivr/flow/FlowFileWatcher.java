package io.switchboard.ivr.flow;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the flows directory: a changed or new flow file is checked and, when clean, published as a new live
 * version without touching calls in progress; a broken one is refused with its diagnostics and the previous
 * version keeps serving. Editors write files in several steps, so changes are gathered for a short quiet period.
 */
public final class FlowFileWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlowFileWatcher.class);
    private static final long QUIET_MILLIS = 250;
    /** The folder of sub-flow files: a change there republishes the flows that import the file. */
    static final String SUBFLOW_DIR = "lib";

    private final Path dir;
    private final PublishedFlows flows;
    private final Consumer<PublishedFlows.Outcome> outcomes;
    private final WatchService watcher;
    private final Thread thread;

    /**
     * @param outcomes hears every publish attempt (tests, logs); called on the watcher's thread
     */
    public FlowFileWatcher(Path dir, PublishedFlows flows, Consumer<PublishedFlows.Outcome> outcomes)
            throws IOException {
        this.dir = dir;
        this.flows = flows;
        this.outcomes = outcomes;
        this.watcher = dir.getFileSystem().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        Path lib = dir.resolve(SUBFLOW_DIR);
        if (Files.isDirectory(lib)) {
            lib.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        }
        this.thread = Thread.ofVirtual().name("flow-watcher").start(this::watch);
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Set<Path> changed = new LinkedHashSet<>();
                collect(key, changed);
                WatchKey more;
                while ((more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    collect(more, changed);
                }
                changed.forEach(this::publish);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private void collect(WatchKey key, Set<Path> changed) {
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.context() instanceof Path name) {
                String n = name.toString();
                if (n.endsWith(".yaml") || n.endsWith(".yml")) {
                    changed.add(((Path) key.watchable()).resolve(name));
                }
            }
        }
        key.reset();
    }

    private void publish(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return;
            }
            if (!file.getParent().equals(dir)) {
                for (PublishedFlows.Outcome outcome : flows.republishImporters(file, "sub-flow " + dir.relativize(file)
                        + " changed on disk")) {
                    logRefused(file, outcome);
                    outcomes.accept(outcome);
                }
                return;
            }
            PublishedFlows.Outcome outcome = flows.publish(file.toString(), Files.readString(file),
                    "changed on disk");
            logRefused(file, outcome);
            outcomes.accept(outcome);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot publish {}: {}", file, e.toString());
        }
    }

    private static void logRefused(Path file, PublishedFlows.Outcome outcome) {
        if (outcome instanceof PublishedFlows.Outcome.Refused refused) {
            log.warn("flow file {} refused; the previous version keeps serving:\n  {}", file,
                    String.join("\n  ", refused.diagnostics().stream().map(Object::toString).toList()));
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("closing the flow watcher: {}", e.toString());
        }
        thread.interrupt();
    }
}
