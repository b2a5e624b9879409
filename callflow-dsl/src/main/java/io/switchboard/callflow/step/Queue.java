package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.engine.QueuePort;
import io.switchboard.callflow.expr.Evaluator;
import io.switchboard.callflow.expr.Template;
import io.switchboard.callflow.parse.Fields;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code queue}: the caller waits for the best agent with the skills asked for.
 * <pre>
 * support-queue:
 *   queue:
 *     name: support
 *     skills: {english: 3, billing: 1}   # minimum levels
 *     priority: 5                        # 0-100, higher first (default 0)
 *     attributes:                        # what the routing rules know of the caller (optional; templates)
 *       topic: internet
 *       segment: "${account.segment}"
 *     max-wait: 10m                      # default 10m
 *     exit-keys: "*"                     # keys that leave the queue (optional)
 *     hold: [please-hold]                # hold audio (optional)
 *     announce-every: 60s                # position and wait announcements (optional)
 *     offer-callback:                    # offer a call back while waiting (optional)
 *       when-wait-over: 2m               # only when the expected wait is longer (default: always)
 *       every: 60s                       # offered again this often (default 60s)
 *       key: "1"                         # default 1
 *       prompt: [callback-offer]         # default callback-offer
 *     offer-chat:                        # offer to continue in chat while waiting (optional; same fields)
 *       when-wait-over: 2m               # only when the expected wait or the wait so far is longer (default: always)
 *       every: 60s                       # offered again this often (default 60s)
 *       key: "2"                         # default 2; a key of its own
 *       prompt: [chat-offer]             # default chat-offer
 *     connected: survey                  # after the agent (optional: the call ends)
 *     timeout: voicemail
 *     exit-key: main-menu                # required with exit-keys
 *     callback: callback-thanks          # optional, default: timeout
 *     chat: chat-link-sent               # required with offer-chat: the caller left for chat
 *     full: busy-message                 # the queue is at its max-length; optional, default: unavailable
 *     no-agents: voicemail               # nobody serving it is logged in; optional, default: unavailable
 *     unavailable: after-hours           # no queueing here; optional, default: timeout
 * </pre>
 */
public final class Queue implements StepKind<QueueStep> {

    /** The variable holding the name of the queue the caller was last in. */
    public static final String NAME = "queue.name";
    /**
     * The variable holding how that wait ended: connected, timeout, exit-key, callback, chat, full, no-agents,
     * unavailable, hung-up.
     */
    public static final String OUTCOME = "queue.outcome";
    /** Most attributes one queue step may pass to the routing rules. */
    public static final int MAX_ATTRIBUTES = 16;
    /** Longest attribute value passed on; a longer one is cut. */
    public static final int MAX_ATTRIBUTE_LENGTH = 200;

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public Class<QueueStep> type() {
        return QueueStep.class;
    }

    @Override
    public QueueStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("queue");
        String what = "step '" + id + "' queue";
        Fields q = Fields.of(value, what, ctx.problems());
        String name = q.string("name", "name the queue: name: support");
        Map<String, Integer> skills = skills(q, what, ctx);
        int priority = q.integer("priority", 0, 100).orElse(0);
        Duration maxWait = q.duration("max-wait").orElse(Duration.ofMinutes(10));
        Set<Character> exitKeys = new LinkedHashSet<>();
        q.optionalString("exit-keys").ifPresent(k -> {
            if (!k.matches("[0-9*#]+")) {
                ctx.problems().error(q.keyPos("exit-keys"), what + ": exit-keys must be phone keys", "");
            }
            k.chars().forEach(c -> exitKeys.add((char) c));
        });
        var hold = q.prompts("hold");
        Duration announce = q.node("announce-every").isPresent() ? q.duration("announce-every").orElse(Duration.ZERO)
                : Duration.ZERO;
        String connected = Steps.optional(q, "connected", ctx);
        String timeout = Steps.required(q, "timeout", what, ctx);
        String exitKey = Steps.optional(q, "exit-key", ctx);
        if (!exitKeys.isEmpty() && exitKey == null) {
            ctx.problems().error(q.pos(), what + ": exit-keys need an exit-key step", "write exit-key: main-menu");
        }
        Map<Character, String> taken = new LinkedHashMap<>();
        exitKeys.forEach(k -> taken.put(k, "an exit key"));
        QueuePort.CallbackOffer offer = q.node("offer-callback").map(n -> offer(n, what, "offer-callback", '1',
                "callback-offer", taken, ctx)).map(o -> new QueuePort.CallbackOffer(o.whenWaitOver(), o.every(),
                o.key(), o.prompt())).orElse(null);
        QueuePort.ChatOffer chatOffer = q.node("offer-chat").map(n -> offer(n, what, "offer-chat", '2',
                "chat-offer", taken, ctx)).orElse(null);
        String chat = Steps.optional(q, "chat", ctx);
        if (chatOffer != null && chat == null) {
            ctx.problems().error(q.keyPos("offer-chat"), what + ": chat offered needs a chat step",
                    "write chat: chat-link-sent");
        }
        String callback = Steps.optional(q, "callback", ctx);
        if (offer != null && callback == null) {
            ctx.problems().error(q.keyPos("offer-callback"), what + ": a callback offered needs a callback step",
                    "write callback: book-callback");
        }
        String full = Steps.optional(q, "full", ctx);
        String noAgents = Steps.optional(q, "no-agents", ctx);
        String unavailable = Steps.optional(q, "unavailable", ctx);
        Map<String, Template> attributes = attributes(q, what, ctx);
        q.rejectUnknown();
        var request = new QueuePort.QueueRequest(name, skills, priority, maxWait, exitKeys, hold, announce,
                offer).withChat(chatOffer);
        return new QueueStep(id, step.pos(), request, connected, timeout, exitKey, callback, chat, full, noAgents,
                unavailable, attributes);
    }

    /**
     * {@code offer-callback:} or {@code offer-chat: {when-wait-over: 2m, every: 60s, key: "1", prompt: [..]}}; the
     * key must be one phone key not in {@code taken} (key → what it already is: exit keys, the other offer's key),
     * and is added to it.
     */
    private static QueuePort.ChatOffer offer(Node n, String what, String field, char defaultKey,
            String defaultPrompt, Map<Character, String> taken, CompileContext ctx) {
        Fields o = Fields.of(n, what + " " + field, ctx.problems());
        Duration over = o.node("when-wait-over").isPresent() ? o.duration("when-wait-over").orElse(Duration.ZERO)
                : Duration.ZERO;
        Duration every = o.duration("every").orElse(Duration.ofMinutes(1));
        String key = o.optionalString("key").orElse(String.valueOf(defaultKey));
        if (!key.matches("[0-9*#]")) {
            ctx.problems().error(o.node("key").orElseThrow(), what + ": " + field + " key must be one phone key", "");
        } else if (taken.containsKey(key.charAt(0))) {
            ctx.problems().error(o.node("key").orElse(n), what + ": key " + key + " is " + taken.get(key.charAt(0))
                    + " too", "give the " + ("offer-chat".equals(field) ? "chat offer" : "callback") + " its own key");
        }
        char chosen = key.isEmpty() ? defaultKey : key.charAt(0);
        taken.putIfAbsent(chosen, "the " + field + " key");
        var prompt = o.prompts("prompt");
        o.rejectUnknown();
        return new QueuePort.ChatOffer(over, every, chosen,
                prompt.isEmpty() ? java.util.List.of(new io.switchboard.callflow.engine.PromptRef(defaultPrompt))
                        : prompt);
    }

    /** {@code skills: {english: 3}}: skill name → minimum level from 1 to 10. */
    static Map<String, Integer> skills(Fields q, String what, CompileContext ctx) {
        Map<String, Integer> skills = new LinkedHashMap<>();
        q.node("skills").ifPresent(n -> {
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    String skill = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                    Integer level = t.getValueNode() instanceof ScalarNode v && v.getValue().matches("10|[1-9]")
                            ? Integer.valueOf(v.getValue()) : null;
                    if (skill.isEmpty() || level == null) {
                        ctx.problems().error(t.getValueNode(), what + ": skill '" + skill + "' needs a level from 1"
                                + " to 10", "write skills: {english: 3}");
                    } else {
                        skills.put(skill, level);
                    }
                }
            } else {
                ctx.problems().error(n, what + ": skills must map skill names to levels", "");
            }
        });
        return skills;
    }

    /**
     * {@code attributes: {topic: internet, segment: "${account.segment}"}}: at most {@link #MAX_ATTRIBUTES} names
     * of lower-case letters, digits and {@code -}, each a template evaluated when the caller joins the queue.
     */
    private static Map<String, Template> attributes(Fields q, String what, CompileContext ctx) {
        Map<String, Template> out = new LinkedHashMap<>();
        q.node("attributes").ifPresent(n -> {
            if (!(n instanceof MappingNode m)) {
                ctx.problems().error(n, what + ": attributes must map names to values",
                        "write attributes: {topic: internet, segment: \"${account.segment}\"}");
                return;
            }
            if (m.getValue().size() > MAX_ATTRIBUTES) {
                ctx.problems().error(n, what + ": at most " + MAX_ATTRIBUTES + " attributes", "");
            }
            for (NodeTuple t : m.getValue()) {
                String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
                    ctx.problems().error(t.getKeyNode(), what + ": attribute name '" + name + "' must be lower-case"
                            + " letters, digits and '-', at most 32", "write attributes: {topic: internet}");
                    continue;
                }
                Expressions.template(t.getValueNode(), what + " attribute " + name, ctx)
                        .ifPresent(template -> out.put(name, template));
            }
        });
        return out;
    }

    @Override
    public Next execute(QueueStep step, Execution run) {
        QueuePort.QueueRequest request = step.request();
        Object menuPath = run.variable(Menu.MENU_PATH);
        if (!step.attributes().isEmpty() || menuPath != null) {
            Map<String, String> evaluated = new LinkedHashMap<>();
            step.attributes().forEach((name, template) -> {
                String value = Evaluator.text(template.evaluate(run::variable)).strip();
                if (!value.isEmpty()) {
                    evaluated.put(name, value.length() > MAX_ATTRIBUTE_LENGTH
                            ? value.substring(0, MAX_ATTRIBUTE_LENGTH) : value);
                }
            });
            if (menuPath != null && !menuPath.toString().isEmpty()) {
                evaluated.putIfAbsent("menu-path", menuPath.toString()); // the agent sees how the caller came
            }
            request = request.withAttributes(evaluated);
        }
        var result = run.services().queues().queue(request, run.call());
        run.setVariable(NAME, step.request().queue());
        run.setVariable(OUTCOME, switch (result) {
            case QueuePort.QueueResult.HungUp h -> "hung-up";
            case QueuePort.QueueResult.Connected c -> "connected";
            case QueuePort.QueueResult.TimedOut t -> "timeout";
            case QueuePort.QueueResult.ExitKey k -> "exit-key";
            case QueuePort.QueueResult.CallbackChosen c -> "callback";
            case QueuePort.QueueResult.ChatChosen c -> "chat";
            case QueuePort.QueueResult.Full f -> "full";
            case QueuePort.QueueResult.NoAgents n -> "no-agents";
            case QueuePort.QueueResult.Unavailable u -> "unavailable";
        });
        return switch (result) {
            case QueuePort.QueueResult.HungUp h -> Next.CALLER_HUNG_UP;
            case QueuePort.QueueResult.Connected c -> Steps.then(step.connected());
            case QueuePort.QueueResult.TimedOut t -> Next.go(step.timeout());
            case QueuePort.QueueResult.ExitKey k -> Next.go(step.exitKey() != null ? step.exitKey()
                    : step.timeout());
            case QueuePort.QueueResult.CallbackChosen c -> Next.go(step.callback() != null ? step.callback()
                    : step.timeout());
            case QueuePort.QueueResult.ChatChosen c -> Next.go(step.chat() != null ? step.chat() : step.timeout());
            case QueuePort.QueueResult.Full f -> Next.go(step.full() != null ? step.full() : unavailable(step));
            case QueuePort.QueueResult.NoAgents n -> Next.go(step.noAgents() != null ? step.noAgents()
                    : unavailable(step));
            case QueuePort.QueueResult.Unavailable u -> Next.go(unavailable(step));
        };
    }

    private static String unavailable(QueueStep step) {
        return step.unavailable() != null ? step.unavailable() : step.timeout();
    }
}
