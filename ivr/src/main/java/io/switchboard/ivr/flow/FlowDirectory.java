package io.switchboard.ivr.flow;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.FlowCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The flows in a directory ({@code *.yaml}), compiled at start-up, and which dialed numbers they answer.
 *
 * <p>A number is answered by the flow the operator mapped it to; any other number by the default flow, or by none
 * when no default is set (the carrier then refuses the call as not found). Start-up fails with every diagnostic of
 * every broken file, each as {@code file:line:col: message}, so a broken flow never half-serves.
 */
public final class FlowDirectory implements FlowCatalogue {

    /** A flow file as read at load time. */
    public record FlowFile(Path file, String text, CompiledFlow flow) {}

    private final List<FlowFile> files;
    private final Map<String, PublishedFlow> byId;
    private final Map<String, PublishedFlow> byNumber;
    private final PublishedFlow defaultFlow;

    private FlowDirectory(List<FlowFile> files, Map<String, PublishedFlow> byId,
            Map<String, PublishedFlow> byNumber, PublishedFlow defaultFlow) {
        this.files = List.copyOf(files);
        this.byId = Map.copyOf(byId);
        this.byNumber = Map.copyOf(byNumber);
        this.defaultFlow = defaultFlow;
    }

    /**
     * Compiles every flow file in {@code dir}.
     *
     * @param numbers     dialed number → flow id
     * @param defaultFlow the flow id answering all other numbers; empty for none
     * @throws FlowLoadException with every diagnostic, when a file is broken or a mapping names no flow
     */
    public static FlowDirectory load(Path dir, Map<String, String> numbers, String defaultFlow) {
        return load(dir, numbers, defaultFlow, java.util.Set.of());
    }

    /**
     * As {@link #load(Path, Map, String)}, where numbers may also name flows that are not files here but are live
     * in the database ({@code stored}: published through the API).
     */
    public static FlowDirectory load(Path dir, Map<String, String> numbers, String defaultFlow,
            java.util.Set<String> stored) {
        List<String> problems = new ArrayList<>();
        Map<String, PublishedFlow> byId = new HashMap<>();
        java.util.Set<String> broken = new java.util.HashSet<>();
        java.util.Set<String> subflows = new java.util.HashSet<>();
        List<FlowFile> files = new ArrayList<>();
        for (Path file : flowFiles(dir, problems)) {
            try {
                String text = java.nio.file.Files.readString(file);
                CompiledFlow flow = FlowCompiler.compile(file.toString(), text);
                if (flow.subflow()) {
                    subflows.add(flow.id()); // not a flow of its own: it runs in the flows that import it
                    continue;
                }
                files.add(new FlowFile(file, text, flow));
                PublishedFlow previous = byId.putIfAbsent(flow.id(), new PublishedFlow(flow.id(), 1, flow));
                if (previous != null) {
                    problems.add(file + ":1:1: error: flow id '" + flow.id() + "' is also used by another file in "
                            + dir);
                }
            } catch (IOException e) {
                problems.add(file + ":1:1: error: cannot read the file: " + e.getMessage());
            } catch (FlowCompileException e) {
                e.diagnostics().forEach(d -> problems.add(d.toString()));
                // its id is unknown, but by convention it is the file name: do not report it missing as well
                broken.add(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
            }
        }
        Map<String, PublishedFlow> byNumber = new HashMap<>();
        numbers.forEach((number, id) -> {
            PublishedFlow flow = byId.get(id);
            if (flow == null && subflows.contains(id)) {
                problems.add("number " + number + " is mapped to '" + id + "', which is a sub-flow: map it to a flow"
                        + " that calls it");
            } else if (flow == null && !broken.contains(id) && !stored.contains(id)) {
                problems.add("number " + number + " is mapped to flow '" + id + "', which is not in " + dir);
            } else if (flow != null) {
                byNumber.put(number, flow);
            }
        });
        PublishedFlow fallback = null;
        if (defaultFlow != null && !defaultFlow.isBlank()) {
            fallback = byId.get(defaultFlow);
            if (fallback == null && !broken.contains(defaultFlow) && !stored.contains(defaultFlow)) {
                problems.add("the default flow '" + defaultFlow + "' is not in " + dir + " (flows there: "
                        + byId.keySet().stream().sorted().toList() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new FlowLoadException(problems);
        }
        return new FlowDirectory(files, byId, byNumber, fallback);
    }

    private static List<Path> flowFiles(Path dir, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add("flow directory " + dir.toAbsolutePath() + " does not exist");
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")
                    || f.getFileName().toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list flow directory " + dir + ": " + e.getMessage());
            return List.of();
        }
    }

    @Override
    public Optional<PublishedFlow> forNumber(String dialed) {
        PublishedFlow flow = byNumber.get(dialed);
        return Optional.ofNullable(flow != null ? flow : defaultFlow);
    }

    /** Every flow file, compiled, in file name order. */
    public List<FlowFile> files() {
        return files;
    }

    /** The flow with this id, if loaded. */
    public Optional<PublishedFlow> flow(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
