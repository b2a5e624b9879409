package io.switchboard.callflow.graph;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.step.CallbackStep;
import io.switchboard.callflow.step.GatherStep;
import io.switchboard.callflow.step.GotoStep;
import io.switchboard.callflow.step.HangupStep;
import io.switchboard.callflow.step.MenuStep;
import io.switchboard.callflow.step.PlayStep;
import io.switchboard.callflow.step.RecordStep;
import io.switchboard.callflow.step.SurveyStep;
import io.switchboard.callflow.step.Step;
import io.switchboard.callflow.step.StepKinds;
import java.util.ArrayList;
import java.util.List;

/** A flow drawn as steps and labelled outcome edges, in Mermaid or Graphviz dot. */
public final class FlowDiagram {

    /** An outcome edge: from a step to the next, labelled with what takes it (a key, "no choice", …). */
    public record Edge(String from, String to, String label) {}

    private FlowDiagram() {}

    public static List<Edge> edges(CompiledFlow flow) {
        List<Edge> out = new ArrayList<>();
        for (Step s : flow.steps().values()) {
            switch (s) {
                case PlayStep p -> {
                    if (p.next() != null) {
                        out.add(new Edge(p.id(), p.next(), ""));
                    }
                }
                case MenuStep m -> {
                    m.options().forEach((key, to) -> out.add(new Edge(m.id(), to, m.phrases().containsKey(key)
                            ? key + " or \"" + String.join("\", \"", m.phrases().get(key)) + "\"" : String.valueOf(key))));
                    if (m.onFailure() != null) {
                        out.add(new Edge(m.id(), m.onFailure(), "no valid key"));
                    }
                }
                case GotoStep g -> {
                    out.add(new Edge(g.id(), g.target(), "up to " + g.max() + "x"));
                    if (g.onLimit() != null) {
                        out.add(new Edge(g.id(), g.onLimit(), "after " + g.max()));
                    }
                }
                case GatherStep g -> {
                    if (g.next() != null) {
                        out.add(new Edge(g.id(), g.next(), g.into() + " entered"));
                    }
                    if (g.onFailure() != null) {
                        out.add(new Edge(g.id(), g.onFailure(), "no valid input"));
                    }
                }
                case io.switchboard.callflow.step.CallStep c -> {
                    c.outcomes().forEach((outcome, to) -> edge(out, c.id(), to, "returned " + outcome));
                    edge(out, c.id(), c.next(), c.outcomes().isEmpty() ? "" : "returned");
                }
                case CallbackStep c -> {
                    edge(out, c.id(), c.next(), "booked");
                    edge(out, c.id(), c.declined(), "declined");
                    edge(out, c.id(), c.failed(), "not booked");
                    edge(out, c.id(), c.onFailure(), "no valid input");
                }
                case HangupStep h -> {
                    // the end of the call
                }
                case RecordStep r -> {
                    if (r.next() != null) {
                        out.add(new Edge(r.id(), r.next(), "recorded"));
                    }
                    out.add(new Edge(r.id(), r.nothing(), "nothing recorded"));
                }
                case SurveyStep v -> {
                    if (v.next() != null) {
                        out.add(new Edge(v.id(), v.next(), "rated"));
                    }
                    if (v.onFailure() != null) {
                        out.add(new Edge(v.id(), v.onFailure(), "no rating"));
                    }
                }
                default -> s.targets().forEach(t -> out.add(new Edge(s.id(), t, "")));
            }
        }
        return out;
    }

    private static void edge(List<Edge> out, String from, String to, String label) {
        if (to != null) {
            out.add(new Edge(from, to, label));
        }
    }

    public static String mermaid(CompiledFlow flow) {
        StringBuilder b = new StringBuilder("flowchart TD\n");
        for (Step s : flow.steps().values()) {
            b.append("  ").append(node(s.id())).append("[\"").append(s.id()).append("<br/><i>")
                    .append(StepKinds.nameOf(s)).append("</i>\"]\n");
        }
        for (Edge e : edges(flow)) {
            b.append("  ").append(node(e.from())).append(" -->");
            if (!e.label().isEmpty()) {
                b.append('|').append(e.label().replace("|", "/").replace("\"", "'")).append('|');
            }
            b.append(' ').append(node(e.to())).append('\n');
        }
        return b.toString();
    }

    public static String dot(CompiledFlow flow) {
        StringBuilder b = new StringBuilder("digraph \"" + flow.id() + "\" {\n  rankdir=TB;\n  node [shape=box];\n");
        for (Step s : flow.steps().values()) {
            b.append("  \"").append(s.id()).append("\" [label=\"").append(s.id()).append("\\n(")
                    .append(StepKinds.nameOf(s)).append(")\"];\n");
        }
        for (Edge e : edges(flow)) {
            b.append("  \"").append(e.from()).append("\" -> \"").append(e.to()).append('"');
            if (!e.label().isEmpty()) {
                b.append(" [label=\"").append(e.label().replace("\"", "'")).append("\"]");
            }
            b.append(";\n");
        }
        return b.append("}\n").toString();
    }

    /** Mermaid node ids may not hold '-' or '.' safely. */
    private static String node(String id) {
        return id.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
