package io.switchboard.ivr.acd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The callers holding on at this node, one ordered line per queue ({@link WaitingCall#ORDER}). A caller leaves the
 * line while an agent's phone rings for them and comes back to the same place if nobody answers.
 */
public final class QueueLine {

    private final Map<String, TreeSet<WaitingCall>> lines = new ConcurrentHashMap<>();

    /** Puts {@code call} in its place; returns its position (1 = next). */
    public synchronized int add(WaitingCall call) {
        TreeSet<WaitingCall> line = lines.computeIfAbsent(call.queue(), q -> new TreeSet<>(WaitingCall.ORDER));
        line.add(call);
        return line.headSet(call).size() + 1;
    }

    /** Takes {@code call} out of the line; false when it was not in it (an agent was found for it meanwhile). */
    public synchronized boolean remove(WaitingCall call) {
        TreeSet<WaitingCall> line = lines.get(call.queue());
        return line != null && line.remove(call);
    }

    /** The position of {@code call} (1 = next), or 0 when it is not in the line. */
    public synchronized int position(WaitingCall call) {
        TreeSet<WaitingCall> line = lines.get(call.queue());
        return line == null || !line.contains(call) ? 0 : line.headSet(call).size() + 1;
    }

    public synchronized int size(String queue) {
        TreeSet<WaitingCall> line = lines.get(queue);
        return line == null ? 0 : line.size();
    }

    /** Everyone waiting in {@code queue}, in order. */
    public synchronized List<WaitingCall> line(String queue) {
        TreeSet<WaitingCall> line = lines.get(queue);
        return line == null ? List.of() : List.copyOf(line);
    }

    /** Everyone waiting in every queue, each line in order. */
    public synchronized List<WaitingCall> all() {
        List<WaitingCall> out = new ArrayList<>();
        lines.values().forEach(out::addAll);
        return out;
    }
}
