package io.switchboard.callflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.switchboard.callflow.FlowCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The JSON Schema at schema/callflow.schema.json agrees with the compiler on samples, docs and bad files. */
class FlowSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(read(Path.of("../schema/callflow.schema.json")));

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode yaml(String text) {
        Object data = new Load(LoadSettings.builder().build()).loadFromString(text);
        return JSON.valueToTree(data);
    }

    private static Set<ValidationMessage> validate(String text) {
        return SCHEMA.validate(yaml(text));
    }

    @Test
    void everySampleFlowValidatesAndCompiles() throws Exception {
        List<Path> samples = new ArrayList<>();
        try (Stream<Path> flows = Files.list(Path.of("../flows"))) {
            flows.filter(f -> f.toString().endsWith(".yaml")).forEach(samples::add);
        }
        try (Stream<Path> flows = Files.list(Path.of("../flows/lib"))) {
            flows.filter(f -> f.toString().endsWith(".yaml")).forEach(samples::add);
        }
        try (Stream<Path> flows = Files.list(Path.of("src/test/resources/flows"))) {
            flows.filter(f -> f.toString().endsWith(".yaml")).forEach(samples::add);
        }
        assertThat(samples).isNotEmpty();
        for (Path sample : samples) {
            String text = Files.readString(sample);
            assertThat(validate(text)).as(sample.toString()).isEmpty();
            FlowCompiler.compile(sample.toString(), text);
        }
    }

    /**
     * Every ```yaml block of docs/callflow-language.md: whole flows as they are, step examples inside a flow (flow test
     * files, which have cases, are another format).
     */
    @Test
    void everyDocumentedExampleValidates() throws Exception {
        String doc = Files.readString(Path.of("../docs/callflow-language.md"));
        Matcher blocks = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        int count = 0;
        while (blocks.find()) {
            String block = blocks.group(1);
            JsonNode node = yaml(block);
            if (node.has("cases") || node.has("queues")) {
                continue; // a flow test file or the queue registry, not a flow
            }
            if (!node.has("flow") && !node.has("subflow")) {
                Map<String, Object> wrapped = new LinkedHashMap<>();
                wrapped.put("flow", "doc");
                wrapped.put("start", node.fieldNames().next());
                wrapped.put("steps", node);
                node = JSON.valueToTree(wrapped);
            }
            assertThat(SCHEMA.validate(node)).as("docs example:\n" + block).isEmpty();
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(5);
    }

    @Test
    void badFilesAreRejected() {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("flow and subflow both", "flow: x\nsubflow: y\nstart: a\nsteps: {a: {hangup: {}}}\n"),
                Map.entry("neither flow nor subflow", "start: a\nsteps: {a: {hangup: {}}}\n"),
                Map.entry("call with a list", "flow: x\nstart: a\nsteps: {a: {call: s, with: [1]}}\n"),
                Map.entry("return with an unknown key", "subflow: x\nstart: a\nsteps: {a: {return: {to: b}}}\n"),
                Map.entry("no steps", "flow: x\nstart: a\n"),
                Map.entry("unknown top-level key", "flow: x\nstart: a\nsteps: {a: {hangup: {}}}\ncolour: blue\n"),
                Map.entry("two kinds in a step", "flow: x\nstart: a\nsteps: {a: {play: [p], hangup: {}}}\n"),
                Map.entry("not a phone key", "flow: x\nstart: a\nsteps: {a: {menu: {prompt: [p], options: {x: a}}}}\n"),
                Map.entry("timer without unit", "flow: x\nstart: a\nsteps: {a: {menu: {prompt: [p], options: {1: a},"
                        + " timeout: 5}}}\n"),
                Map.entry("unknown step key", "flow: x\nstart: a\nsteps: {a: {play: [p], nxt: a}}\n"),
                Map.entry("bad flow id", "flow: 'hot line'\nstart: a\nsteps: {a: {hangup: {}}}\n"));
        bad.forEach((what, text) -> assertThat(validate(text)).as(what).isNotEmpty());
    }
}
