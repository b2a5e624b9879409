package io.switchboard.ivr.flow;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.FlowCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows calls are served from: each flow's {@code live} version, published to PostgreSQL. Publishing checks the
 * text first (a broken flow is refused with its diagnostics and the previous version keeps serving), stores an
 * immutable version and swaps the live one; calls already running keep the version they pinned.
 */
public final class PublishedFlows implements FlowCatalogue {

    private static final Logger log = LoggerFactory.getLogger(PublishedFlows.class);

    private final FlowVersionStore store;
    private final Map<String, String> numbers;
    private final String defaultFlow;
    private final Map<String, PublishedFlow> live = new ConcurrentHashMap<>();
    private Path dir;

    private PublishedFlows(FlowVersionStore store, Map<String, String> numbers, String defaultFlow) {
        this.store = store;
        this.numbers = Map.copyOf(numbers);
        this.defaultFlow = defaultFlow == null ? "" : defaultFlow;
    }

    /**
     * Loads what is live, in this order. PostgreSQL is the source of truth for which version of a flow is live; a
     * file is one way to publish, so a restart changes nothing unless a file changed since it was last published.
     * <ol>
     *   <li>Every flow file in {@code dir} is compiled; start-up fails with every diagnostic when one is broken.</li>
     *   <li>A file whose text (with its sub-flows' hashes) differs from the newest version published from that file,
     *       or that was never published, is published and becomes live. An unchanged file publishes nothing, so a
     *       version published through the API, or a rollback, stays live.</li>
     *   <li>Every other flow with a live version in the database (created through the API, or whose file is gone)
     *       is compiled from its stored text and served; one that no longer compiles (a sub-flow file it imports is
     *       missing) is logged and not served.</li>
     * </ol>
     */
    public static PublishedFlows load(Path dir, Map<String, String> numbers, String defaultFlow,
            FlowVersionStore store) {
        Map<String, Integer> stored = store.liveVersions();
        FlowDirectory files = FlowDirectory.load(dir, numbers, defaultFlow, stored.keySet());
        PublishedFlows flows = new PublishedFlows(store, numbers, defaultFlow);
        flows.dir = dir;
        for (FlowDirectory.FlowFile f : files.files()) {
            String id = f.flow().id();
            String stamped = SubflowPins.stamp(f.text(), f.flow(), dir);
            String fileName = f.file().getFileName().toString();
            boolean unchanged = stored.containsKey(id) && store.newestFromFile(id, fileName)
                    .filter(v -> v.contentHash().equals(FlowVersionStore.sha256(stamped))).isPresent();
            if (unchanged) {
                continue; // served below from what the database says is live
            }
            FlowVersionStore.Published p = store.publish(id, stamped, f.file().toString(),
                    "published from " + fileName + " at start-up");
            flows.live.put(id, new PublishedFlow(id, p.version().version(), f.flow()));
            log.info("flow {} v{} live ({} changed since it was last published)", id, p.version().version(), fileName);
        }
        store.liveVersions().forEach((id, version) -> {
            if (!flows.live.containsKey(id)) {
                flows.compileStored(id, version).ifPresent(flow -> flows.live.put(id, flow));
            }
        });
        return flows;
    }

    /** A stored version, compiled; empty (and logged) when it no longer compiles. */
    private Optional<PublishedFlow> compileStored(String id, int version) {
        Optional<String> text = store.content(id, version);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            CompiledFlow flow = FlowCompiler.compile(id + " v" + version, text.get(), dir);
            log.info("flow {} v{} live (as stored)", id, version);
            return Optional.of(new PublishedFlow(id, version, flow));
        } catch (FlowCompileException e) {
            log.error("flow {} v{} is live in the database but no longer compiles, so it is not served: {}", id,
                    version, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<PublishedFlow> forNumber(String dialed) {
        String id = numbers.getOrDefault(dialed, defaultFlow);
        return id.isEmpty() ? Optional.empty() : Optional.ofNullable(live.get(id));
    }

    /** The live version of a flow. */
    public Optional<PublishedFlow> live(String flowId) {
        return Optional.ofNullable(live.get(flowId));
    }

    @Override
    public Optional<PublishedFlow> byId(String flowId) {
        return live(flowId);
    }

    /** Every live flow. */
    public Map<String, PublishedFlow> all() {
        return Map.copyOf(live);
    }

    /** What publishing a text did. */
    public sealed interface Outcome {
        /** Stored (or unchanged, {@code created} false) and now live. */
        record Live(FlowVersion version, boolean created) implements Outcome {}

        /** Refused: the text does not compile; the previous version keeps serving. */
        record Refused(List<Diagnostic> diagnostics) implements Outcome {}
    }

    /**
     * Checks and publishes a flow text; on success it is the flow's live version at once.
     *
     * @param source where the text comes from (file name, "api"); used in diagnostics
     */
    public Outcome publish(String source, String text, String note) {
        return publish(source, text, note, null);
    }

    /** As {@link #publish(String, String, String)}, refusing a text whose {@code flow:} id is not {@code expectedId}. */
    public Outcome publish(String source, String text, String note, String expectedId) {
        return publish(source, source, text, note, expectedId);
    }

    /**
     * Checks and publishes a flow text.
     *
     * @param name       what diagnostics call the text (e.g. {@code hotline.yaml})
     * @param source     where it came from, as stored with the version (a file's path, or {@code api})
     * @param expectedId the id the text must declare; null for any
     */
    public Outcome publish(String name, String source, String text, String note, String expectedId) {
        CompiledFlow flow;
        try {
            // imports name sub-flow files relative to the flows directory, whatever the text's source
            flow = FlowCompiler.compile(name, text, dir);
        } catch (FlowCompileException e) {
            return new Outcome.Refused(e.diagnostics());
        }
        if (flow.subflow()) {
            return new Outcome.Refused(List.of(new Diagnostic(name, 1, 1, Diagnostic.Severity.ERROR,
                    "'" + flow.id() + "' is a sub-flow: it runs only when a flow calls it",
                    "keep it in the flows directory's lib/ folder; the flows that import it are republished when"
                            + " it changes")));
        }
        if (expectedId != null && !expectedId.equals(flow.id())) {
            return new Outcome.Refused(List.of(new Diagnostic(name, 1, 1, Diagnostic.Severity.ERROR,
                    "the file says 'flow: " + flow.id() + "' but is published as '" + expectedId + "'",
                    "publish it under /api/flows/" + flow.id() + " or change its flow id")));
        }
        synchronized (this) {
            FlowVersionStore.Published p = store.publish(flow.id(), SubflowPins.stamp(text, flow, dir), source, note);
            live.put(flow.id(), new PublishedFlow(flow.id(), p.version().version(), flow));
            log.info("flow {} v{} live ({})", flow.id(), p.version().version(), p.created() ? "published" : "unchanged");
            return new Outcome.Live(p.version(), p.created());
        }
    }

    /** What moving the live alias did. */
    public sealed interface Rollback {
        /** The version is live now. */
        record Done(int version) implements Rollback {}

        /** The flow has no such version. */
        record NoSuchVersion() implements Rollback {}

        /** The version no longer compiles (say, a sub-flow file it imports is gone); the live one keeps serving. */
        record Refused(List<Diagnostic> diagnostics) implements Rollback {}
    }

    /** Makes an earlier (or later) version live again, if it still compiles against today's sub-flow files. */
    public synchronized Rollback rollback(String flowId, int version) {
        Optional<String> text = store.content(flowId, version);
        if (text.isEmpty()) {
            return new Rollback.NoSuchVersion();
        }
        CompiledFlow flow;
        try {
            flow = FlowCompiler.compile(flowId + " v" + version, text.get(), dir);
        } catch (FlowCompileException e) {
            return new Rollback.Refused(e.diagnostics());
        }
        store.moveAlias(flowId, FlowVersionStore.LIVE, version);
        live.put(flowId, new PublishedFlow(flowId, version, flow));
        log.info("flow {} rolled to v{}", flowId, version);
        return new Rollback.Done(version);
    }

    /**
     * Recompiles every live flow that runs the sub-flow file {@code subflowFile} (directly or through another
     * sub-flow) from its live text and publishes it: clean ones become a new live version, broken ones are refused
     * and their previous version keeps serving. Calls in progress keep the sub-flow they started with.
     */
    public List<Outcome> republishImporters(Path subflowFile, String note) {
        List<Outcome> out = new java.util.ArrayList<>();
        for (PublishedFlow current : all().values()) {
            if (!SubflowPins.imports(current.flow(), subflowFile)) {
                continue;
            }
            Optional<String> text = store.content(current.id(), current.version());
            if (text.isPresent()) {
                out.add(publish(current.id() + ".yaml", "sub-flow change", SubflowPins.strip(text.get()), note,
                        current.id()));
            }
        }
        return out;
    }

    public FlowVersionStore store() {
        return store;
    }
}
