package io.switchboard.callflow.lint;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.step.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The steps of a flow as a directed graph over their outcome edges, with the walks the rules need. */
public final class FlowGraph {

    private final CompiledFlow flow;
    private final Map<String, List<String>> edges = new HashMap<>();

    public FlowGraph(CompiledFlow flow) {
        this.flow = flow;
        for (Step s : flow.steps().values()) {
            edges.put(s.id(), s.targets().stream().filter(flow.steps()::containsKey).distinct().toList());
        }
    }

    public List<String> next(String stepId) {
        return edges.getOrDefault(stepId, List.of());
    }

    /** Steps reachable from {@code from} (including it). */
    public Set<String> reachableFrom(String from) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String s = todo.pop();
            if (seen.add(s)) {
                next(s).forEach(todo::push);
            }
        }
        return seen;
    }

    /** Strongly connected components that contain a cycle (more than one step, or a step that goes to itself). */
    public List<List<String>> cycles() {
        List<List<String>> out = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new LinkedHashSet<>();
        int[] counter = {0};
        for (String s : flow.steps().keySet()) {
            if (!index.containsKey(s)) {
                strongConnect(s, index, low, stack, onStack, counter, out);
            }
        }
        return out;
    }

    private void strongConnect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, int[] counter, List<List<String>> out) {
        // iterative Tarjan: a flow of thousands of steps must not overflow the stack
        Deque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {v, 0});
        while (!work.isEmpty()) {
            Object[] frame = work.peek();
            String node = (String) frame[0];
            int i = (Integer) frame[1];
            if (i == 0) {
                index.put(node, counter[0]);
                low.put(node, counter[0]);
                counter[0]++;
                stack.push(node);
                onStack.add(node);
            }
            List<String> targets = next(node);
            if (i < targets.size()) {
                frame[1] = i + 1;
                String w = targets.get(i);
                if (!index.containsKey(w)) {
                    work.push(new Object[] {w, 0});
                } else if (onStack.contains(w)) {
                    low.put(node, Math.min(low.get(node), index.get(w)));
                }
                continue;
            }
            work.pop();
            if (!work.isEmpty()) {
                String parent = (String) work.peek()[0];
                low.put(parent, Math.min(low.get(parent), low.get(node)));
            }
            if (low.get(node).equals(index.get(node))) {
                List<String> component = new ArrayList<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(node));
                if (component.size() > 1 || next(node).contains(node)) {
                    out.add(component.reversed());
                }
            }
        }
    }
}
