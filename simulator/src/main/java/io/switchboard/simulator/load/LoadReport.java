package io.switchboard.simulator.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a load run measured, from the callers' side: how many were offered, served, abandoned and called back, the
 * waits of those served (average, 90th percentile), the service level, how far announced waits were from the waits
 * that followed, and the longest silence any caller heard before an agent.
 *
 * <p>Service level is Asterisk's: served within the threshold ÷ served. The announced-wait error is the mean absolute
 * difference between each announced wait and the wait that actually remained at that moment, over announcements
 * heard by callers who then reached an agent; it is also given relative to the mean actual remaining wait.
 */
public record LoadReport(Map<CallerOutcome, Integer> outcomes, List<Duration> waits, Duration serviceLevelThreshold,
        List<WaitError> errors, Duration longestSilence) {

    /** One announcement: what was announced and what then remained. */
    public record WaitError(Duration announced, Duration actual) {}

    public LoadReport {
        outcomes = Map.copyOf(outcomes);
        waits = waits.stream().sorted().toList();
        errors = List.copyOf(errors);
    }

    /** Builds the report from each caller's outcome and journey. */
    public static LoadReport of(List<Result> results, Duration serviceLevelThreshold) {
        Map<CallerOutcome, Integer> outcomes = new EnumMap<>(CallerOutcome.class);
        for (CallerOutcome o : CallerOutcome.values()) {
            outcomes.put(o, 0);
        }
        List<Duration> waits = new ArrayList<>();
        List<WaitError> errors = new ArrayList<>();
        Duration longest = Duration.ZERO;
        for (Result r : results) {
            outcomes.merge(r.outcome(), 1, Integer::sum);
            QueueJourney j = r.journey();
            if (r.outcome() == CallerOutcome.SERVED) {
                j.waited().ifPresent(waits::add);
                for (var a : j.announcements()) {
                    a.actualRemaining(j.connectedAt()).ifPresent(actual -> errors.add(new WaitError(a.announced(),
                            actual)));
                }
            }
            if (j.longestSilenceBeforeAgent().compareTo(longest) > 0) {
                longest = j.longestSilenceBeforeAgent();
            }
        }
        return new LoadReport(outcomes, waits, serviceLevelThreshold, errors, longest);
    }

    /** One caller: how it ended and what they heard on the way. */
    public record Result(CallerOutcome outcome, QueueJourney journey) {}

    public int offered() {
        return outcomes.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(CallerOutcome o) {
        return outcomes.getOrDefault(o, 0);
    }

    public Optional<Duration> averageWait() {
        return waits.isEmpty() ? Optional.empty()
                : Optional.of(Duration.ofMillis(Math.round(waits.stream().mapToLong(Duration::toMillis).average()
                        .orElse(0))));
    }

    /** The {@code p}th percentile (0-100) of the waits, nearest rank. */
    public Optional<Duration> waitPercentile(double p) {
        if (waits.isEmpty()) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(p / 100.0 * waits.size());
        return Optional.of(waits.get(Math.max(0, Math.min(waits.size() - 1, rank - 1))));
    }

    /** Served within the threshold ÷ served, or empty when nobody was served. */
    public Optional<Double> serviceLevel() {
        if (waits.isEmpty()) {
            return Optional.empty();
        }
        long inTime = waits.stream().filter(w -> w.compareTo(serviceLevelThreshold) <= 0).count();
        return Optional.of((double) inTime / waits.size());
    }

    /** Mean absolute error of announced against actual remaining wait. */
    public Optional<Duration> announcedWaitError() {
        return errors.isEmpty() ? Optional.empty()
                : Optional.of(Duration.ofMillis(Math.round(errors.stream()
                        .mapToLong(e -> Math.abs(e.announced().toMillis() - e.actual().toMillis())).average()
                        .orElse(0))));
    }

    /** The mean absolute error as a share of the mean actual remaining wait. */
    public Optional<Double> relativeAnnouncedWaitError() {
        double actual = errors.stream().mapToLong(e -> e.actual().toMillis()).average().orElse(0);
        return announcedWaitError().filter(e -> actual > 0).map(e -> e.toMillis() / actual);
    }

    /** The report as a person reads it. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "offered %d, served %d, abandoned %d, callbacks %d, not served %d,"
                + " failed %d%n", offered(), count(CallerOutcome.SERVED), count(CallerOutcome.ABANDONED),
                count(CallerOutcome.CALLBACK), count(CallerOutcome.NOT_SERVED), count(CallerOutcome.FAILED)));
        out.append(String.format(Locale.ROOT, "wait: average %s, p90 %s; service level %s (within %ds)%n",
                seconds(averageWait()), seconds(waitPercentile(90)),
                serviceLevel().map(s -> String.format(Locale.ROOT, "%.1f %%", s * 100)).orElse("n/a"),
                serviceLevelThreshold.toSeconds()));
        out.append(String.format(Locale.ROOT, "announced wait: %d announcements, mean absolute error %s (%s of the"
                + " actual wait)%n", errors.size(), seconds(announcedWaitError()),
                relativeAnnouncedWaitError().map(r -> String.format(Locale.ROOT, "%.0f %%", r * 100)).orElse("n/a")));
        out.append(String.format(Locale.ROOT, "longest silence before an agent: %.2fs%n",
                longestSilence.toMillis() / 1000.0));
        return out.toString();
    }

    /** The report as JSON, for benchmarks kept over time. */
    public String json() {
        return String.format(Locale.ROOT, "{\"offered\":%d,\"served\":%d,\"abandoned\":%d,\"callbacks\":%d,"
                + "\"notServed\":%d,\"failed\":%d,\"averageWaitMs\":%s,\"p90WaitMs\":%s,\"serviceLevel\":%s,"
                + "\"serviceLevelThresholdS\":%d,\"announcements\":%d,\"announcedWaitMaeMs\":%s,"
                + "\"announcedWaitRelativeError\":%s,\"longestSilenceMs\":%d}", offered(),
                count(CallerOutcome.SERVED), count(CallerOutcome.ABANDONED), count(CallerOutcome.CALLBACK),
                count(CallerOutcome.NOT_SERVED), count(CallerOutcome.FAILED), millis(averageWait()),
                millis(waitPercentile(90)), serviceLevel().map(String::valueOf).orElse("null"),
                serviceLevelThreshold.toSeconds(), errors.size(), millis(announcedWaitError()),
                relativeAnnouncedWaitError().map(String::valueOf).orElse("null"), longestSilence.toMillis());
    }

    private static String seconds(Optional<Duration> d) {
        return d.map(x -> String.format(Locale.ROOT, "%.1fs", x.toMillis() / 1000.0)).orElse("n/a");
    }

    private static String millis(Optional<Duration> d) {
        return d.map(x -> String.valueOf(x.toMillis())).orElse("null");
    }
}
