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
     * Loads and checks every flow file in {@code dir} (start-up fails with every diagnostic when one is broken),
     * then publishes each: unchanged files keep their version, changed ones become a new version.
     */
    public static PublishedFlows load(Path dir, Map<String, String> numbers, String defaultFlow,
            FlowVersionStore store) {
        FlowDirectory files = FlowDirectory.load(dir, numbers, defaultFlow);
        PublishedFlows flows = new PublishedFlows(store, numbers, defaultFlow);
        flows.dir = dir;
        for (FlowDirectory.FlowFile f : files.files()) {
            FlowVersionStore.Published p = store.publish(f.flow().id(), SubflowPins.stamp(f.text(), f.flow(), dir),
                    f.file().toString(),
                    "published from " + f.file().getFileName() + " at start-up");
            flows.live.put(f.flow().id(), new PublishedFlow(f.flow().id(), p.version().version(), f.flow()));
            log.info("flow {} v{} live{}", f.flow().id(), p.version().version(), p.created() ? " (new version)" : "");
        }
        return flows;
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
        CompiledFlow flow;
        try {
            // imports name sub-flow files relative to the flows directory, whatever the text's source
            flow = FlowCompiler.compile(source, text, dir);
        } catch (FlowCompileException e) {
            return new Outcome.Refused(e.diagnostics());
        }
        if (flow.subflow()) {
            return new Outcome.Refused(List.of(new Diagnostic(source, 1, 1, Diagnostic.Severity.ERROR,
                    "'" + flow.id() + "' is a sub-flow: it runs only when a flow calls it",
                    "keep it in the flows directory's lib/ folder; the flows that import it are republished when"
                            + " it changes")));
        }
        if (expectedId != null && !expectedId.equals(flow.id())) {
            return new Outcome.Refused(List.of(new Diagnostic(source, 1, 1, Diagnostic.Severity.ERROR,
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

    /**
     * Makes an earlier (or later) version live again.
     *
     * @return false when the flow has no such version
     */
    public synchronized boolean rollback(String flowId, int version) {
        Optional<String> text = store.content(flowId, version);
        if (text.isEmpty()) {
            return false;
        }
        CompiledFlow flow;
        try {
            flow = FlowCompiler.compile(flowId + " v" + version, text.get(), dir);
        } catch (FlowCompileException e) {
            throw new IllegalStateException("stored version " + version + " of " + flowId
                    + " no longer compiles: " + e.getMessage(), e);
        }
        store.moveAlias(flowId, FlowVersionStore.LIVE, version);
        live.put(flowId, new PublishedFlow(flowId, version, flow));
        log.info("flow {} rolled to v{}", flowId, version);
        return true;
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
                out.add(publish(current.id() + ".yaml", SubflowPins.strip(text.get()), note, current.id()));
            }
        }
        return out;
    }

    public FlowVersionStore store() {
        return store;
    }
}
