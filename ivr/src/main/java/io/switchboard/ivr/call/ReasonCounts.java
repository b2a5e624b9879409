package io.switchboard.ivr.call;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * How often something was refused or dropped, by reason, since start: cheap to bump from any thread, read by
 * health, metrics and log summaries.
 *
 * @param <R> the reasons
 */
public final class ReasonCounts<R extends Enum<R>> {

    private final Class<R> reasons;
    private final Function<R, String> code;
    private final Map<R, LongAdder> counts;
    private final Map<R, Long> summarised;

    /** @param code the name of a reason in logs and metric tags */
    public ReasonCounts(Class<R> reasons, Function<R, String> code) {
        this.reasons = reasons;
        this.code = code;
        this.counts = new EnumMap<>(reasons);
        this.summarised = new EnumMap<>(reasons);
        for (R reason : reasons.getEnumConstants()) {
            counts.put(reason, new LongAdder());
            summarised.put(reason, 0L);
        }
    }

    public void add(R reason) {
        counts.get(reason).increment();
    }

    /** How many for {@code reason} so far. */
    public long count(R reason) {
        return counts.get(reason).sum();
    }

    /** Every reason's count, in the enum's order. */
    public Map<R, Long> snapshot() {
        Map<R, Long> out = new EnumMap<>(reasons);
        counts.forEach((reason, n) -> out.put(reason, n.sum()));
        return out;
    }

    /** The reasons' codes. */
    public String code(R reason) {
        return code.apply(reason);
    }

    /**
     * What changed since the last call, as {@code code n, code n}, and the totals after the slash; empty when nothing
     * changed. For a periodic log line.
     */
    public synchronized String sinceLastSummary() {
        StringBuilder changes = new StringBuilder();
        StringBuilder totals = new StringBuilder();
        for (R reason : reasons.getEnumConstants()) {
            long now = count(reason);
            long delta = now - summarised.put(reason, now);
            if (delta > 0) {
                changes.append(changes.isEmpty() ? "" : ", ").append(code(reason)).append(' ').append(delta);
            }
            totals.append(totals.isEmpty() ? "" : ", ").append(code(reason)).append(' ').append(now);
        }
        return changes.isEmpty() ? "" : changes + " (totals: " + totals + ")";
    }
}
