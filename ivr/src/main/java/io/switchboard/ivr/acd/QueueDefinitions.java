package io.switchboard.ivr.acd;

import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.queue.QueueRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queues as {@code queues.yaml} defines them now: read through callflow-dsl's {@link QueueRegistry} (the one
 * reader, which the linter shares) and read again when the file changes; a broken file is refused with its
 * diagnostics and the previous definitions keep serving.
 */
final class QueueDefinitions implements Supplier<QueueRegistry> {

    private static final Logger log = LoggerFactory.getLogger(QueueDefinitions.class);

    private final Path file;
    private volatile QueueRegistry current;
    private volatile FileTime seen;

    /** Reads {@code file}; at start a broken or missing file is an error the operator must fix. */
    QueueDefinitions(Path file) throws FlowCompileException {
        this.file = file;
        this.seen = modified();
        this.current = QueueRegistry.read(file);
    }

    /** Definitions fixed in code (tests). */
    QueueDefinitions(QueueRegistry registry) {
        this.file = null;
        this.current = registry;
    }

    @Override
    public QueueRegistry get() {
        if (file != null) {
            FileTime now = modified();
            if (now != null && !now.equals(seen)) {
                reload(now);
            }
        }
        return current;
    }

    private synchronized void reload(FileTime now) {
        if (now.equals(seen)) {
            return;
        }
        seen = now;
        try {
            current = QueueRegistry.read(file);
            log.info("Applied {}: {} queue(s)", file, current.queues().size());
        } catch (FlowCompileException e) {
            log.warn("Refused {}; the queues read before keep serving:\n{}", file, e.getMessage());
        }
    }

    Map<String, QueueRegistry.Queue> queues() {
        return get().queues();
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
