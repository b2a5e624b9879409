package io.switchboard.ivr.acd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default routing: calls are served in line order; for each, the eligible agents are those serving its queue
 * with every skill it asks at the asked minimum; among them the agent serving this queue at a better priority comes
 * first, and among equals the one idle longest. Like Asterisk's penalties with the {@code leastrecent} strategy.
 *
 * <p>Each queue's agents are sorted once per decision, and a cursor per queue skips agents already given a call, so
 * a decision over thousands of agents and calls stays within a millisecond or so (see the JMH benchmark).
 */
public final class LongestIdleRouter implements Router {

    private static final Instant NEVER = Instant.MIN;

    @Override
    public List<Assignment> route(List<WaitingCall> waiting, List<OfferableAgent> agents) {
        if (waiting.isEmpty() || agents.isEmpty()) {
            return List.of();
        }
        Map<String, Candidates> byQueue = new HashMap<>();
        for (OfferableAgent agent : agents) {
            for (Map.Entry<String, Integer> q : agent.queues().entrySet()) {
                byQueue.computeIfAbsent(q.getKey(), k -> new Candidates()).add(agent, q.getValue());
            }
        }
        byQueue.values().forEach(Candidates::sort);
        IdentityHashMap<OfferableAgent, Boolean> taken = new IdentityHashMap<>();
        List<Assignment> out = new ArrayList<>();
        for (WaitingCall call : waiting) {
            if (taken.size() == agents.size()) {
                break;
            }
            Candidates candidates = byQueue.get(call.queue());
            if (candidates == null) {
                continue;
            }
            OfferableAgent chosen = candidates.first(call, taken);
            if (chosen != null) {
                taken.put(chosen, Boolean.TRUE);
                out.add(new Assignment(call, chosen));
            }
        }
        return out;
    }

    /** The agents of one queue, best first, with a cursor past those already given a call. */
    private static final class Candidates {
        private OfferableAgent[] agents = new OfferableAgent[8];
        private int[] priorities = new int[8];
        private int size;
        private int cursor;

        void add(OfferableAgent agent, int priority) {
            if (size == agents.length) {
                agents = Arrays.copyOf(agents, size * 2);
                priorities = Arrays.copyOf(priorities, size * 2);
            }
            agents[size] = agent;
            priorities[size++] = priority;
        }

        void sort() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.<Integer>comparingInt(i -> priorities[i])
                    .thenComparing(i -> agents[i].idleSince() == null ? NEVER : agents[i].idleSince())
                    .thenComparing(i -> agents[i].agentId()));
            OfferableAgent[] sorted = new OfferableAgent[size];
            for (int i = 0; i < size; i++) {
                sorted[i] = agents[order[i]];
            }
            agents = sorted;
        }

        OfferableAgent first(WaitingCall call, IdentityHashMap<OfferableAgent, Boolean> taken) {
            while (cursor < size && taken.containsKey(agents[cursor])) {
                cursor++;
            }
            boolean anySkill = call.skills().isEmpty();
            for (int i = cursor; i < size; i++) {
                OfferableAgent a = agents[i];
                if (!taken.containsKey(a) && (anySkill || a.hasSkills(call.skills()))) {
                    return a;
                }
            }
            return null;
        }
    }
}
