package io.switchboard.ivr.acd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The default routing: calls are served in line order; for each, the eligible agents are those serving its queue
 * with every skill it asks at the asked minimum; among them the agent serving this queue at a better priority comes
 * first, and among equals the one idle longest. Like Asterisk's penalties with the {@code leastrecent} strategy.
 *
 * <p>Built for thousands of agents and calls per decision (see the JMH benchmark): the agents are ordered by idle
 * time once, with primitive keys; each queue's candidates are then put in priority order by a counting sort that
 * keeps the idle order; a cursor per queue skips agents already given a call, and skill levels are looked up once
 * per agent and asked skill.
 */
public final class LongestIdleRouter implements Router {

    private static final int INDEX_BITS = 20;
    private static final long MAX_OFFSET = 1L << (63 - INDEX_BITS);

    @Override
    public List<Assignment> route(List<WaitingCall> waiting, List<OfferableAgent> agents) {
        if (waiting.isEmpty() || agents.isEmpty()) {
            return List.of();
        }
        Map<String, Candidates> byQueue = new HashMap<>();
        for (WaitingCall call : waiting) {
            if (!byQueue.containsKey(call.queue())) {
                byQueue.put(call.queue(), new Candidates());
            }
        }
        OfferableAgent[] byIdle = idleOrder(agents);
        for (int i = 0; i < byIdle.length; i++) {
            for (Map.Entry<String, Integer> q : byIdle[i].queues().entrySet()) {
                Candidates c = byQueue.get(q.getKey());
                if (c != null) {
                    c.add(q.getValue(), i);
                }
            }
        }
        byQueue.values().forEach(Candidates::sort);
        Skills skills = new Skills(byIdle);
        boolean[] taken = new boolean[byIdle.length];
        int left = byIdle.length;
        List<Assignment> out = new ArrayList<>();
        for (WaitingCall call : waiting) {
            Candidates candidates = byQueue.get(call.queue());
            if (candidates == null) {
                continue;
            }
            int chosen = candidates.first(call.skills(), taken, skills);
            if (chosen >= 0) {
                taken[chosen] = true;
                out.add(new Assignment(call, byIdle[chosen]));
                if (--left == 0) {
                    break;
                }
            }
        }
        return out;
    }

    /** The agents, idle longest first (no idle time counts as longest); ties in the order given. */
    private static OfferableAgent[] idleOrder(List<OfferableAgent> agents) {
        OfferableAgent[] sorted = agents.toArray(OfferableAgent[]::new);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (OfferableAgent a : sorted) {
            if (a.idleSince() != null) {
                long t = millis(a.idleSince());
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        boolean packable = sorted.length < (1 << INDEX_BITS) && (min == Long.MAX_VALUE || max - min + 1 < MAX_OFFSET);
        if (!packable) {
            Arrays.sort(sorted, java.util.Comparator.comparing((OfferableAgent a) -> a.idleSince() == null
                    ? Instant.MIN : a.idleSince()));
            return sorted;
        }
        long[] keys = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            long offset = sorted[i].idleSince() == null ? 0 : millis(sorted[i].idleSince()) - min + 1;
            keys[i] = (offset << INDEX_BITS) | i;
        }
        Arrays.sort(keys);
        OfferableAgent[] out = new OfferableAgent[sorted.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = sorted[(int) (keys[i] & ((1 << INDEX_BITS) - 1))];
        }
        return out;
    }

    private static long millis(Instant t) {
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE / 4 : Long.MAX_VALUE / 4;
        }
    }

    /**
     * One queue's agents, best first: added in idle order, then put in priority order keeping the idle order within
     * a priority (a counting sort, priorities being 1 to 99), with a cursor past those given a call.
     */
    private static final class Candidates {
        private int[] agents = new int[16];
        private int[] priorities = new int[16];
        private int size;
        private int cursor;
        private boolean ordered = true;

        void add(int priority, int idleOrder) {
            if (size == agents.length) {
                agents = Arrays.copyOf(agents, size * 2);
                priorities = Arrays.copyOf(priorities, size * 2);
            }
            if (size > 0 && priority < priorities[size - 1]) {
                ordered = false;
            }
            agents[size] = idleOrder;
            priorities[size++] = priority;
        }

        void sort() {
            if (ordered) {
                return;
            }
            int[] starts = new int[101];
            for (int i = 0; i < size; i++) {
                starts[Math.clamp(priorities[i], 0, 99) + 1]++;
            }
            for (int p = 1; p <= 100; p++) {
                starts[p] += starts[p - 1];
            }
            int[] sorted = new int[size];
            for (int i = 0; i < size; i++) {
                sorted[starts[Math.clamp(priorities[i], 0, 99)]++] = agents[i];
            }
            agents = sorted;
        }

        int first(Map<String, Integer> asked, boolean[] taken, Skills skills) {
            while (cursor < size && taken[agents[cursor]]) {
                cursor++;
            }
            for (int i = cursor; i < size; i++) {
                int agent = agents[i];
                if (!taken[agent] && (asked.isEmpty() || skills.holds(agent, asked))) {
                    return agent;
                }
            }
            return -1;
        }
    }

    /** Agents' levels in the skills calls ask for, looked up once per agent and skill. */
    private static final class Skills {
        private final OfferableAgent[] agents;
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<int[]> levels = new ArrayList<>();

        Skills(OfferableAgent[] agents) {
            this.agents = agents;
        }

        boolean holds(int agent, Map<String, Integer> asked) {
            for (Map.Entry<String, Integer> e : asked.entrySet()) {
                if (level(agent, e.getKey()) < e.getValue()) {
                    return false;
                }
            }
            return true;
        }

        private int level(int agent, String skill) {
            int id = ids.computeIfAbsent(skill, s -> {
                int[] column = new int[agents.length];
                Arrays.fill(column, -1);
                levels.add(column);
                return levels.size() - 1;
            });
            int[] column = levels.get(id);
            if (column[agent] < 0) {
                column[agent] = agents[agent].skills().getOrDefault(skill, 0);
            }
            return column[agent];
        }
    }
}
