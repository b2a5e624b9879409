package io.switchboard.simulator.load;

import io.switchboard.simulator.SimulatedCaller;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Offers {@code callers} calls to the server over {@code duration}, arriving at random (a Poisson stream at the
 * average rate), each a {@link LoadCaller} with its own patience (exponential around the mean) and a share of them
 * taking a call back when offered one; prints a progress line every few seconds and returns the report once every
 * call has ended. Random choices come from {@code seed}, so a run can be repeated.
 */
public record LoadRun(String uri, int callers, Duration duration, Map<String, String> cues, Duration meanPatience,
        double callbackShare, Duration serviceLevel, long seed) {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    public LoadRun {
        cues = Map.copyOf(cues);
        if (callers < 1 || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a load run needs at least one caller and a duration");
        }
    }

    public LoadReport run(SimulatedCaller sip, PrintStream progress) throws InterruptedException {
        Random random = new Random(seed);
        double meanGapMs = (double) duration.toMillis() / callers;
        Map<CallerOutcome, AtomicInteger> counts = new EnumMap<>(CallerOutcome.class);
        for (CallerOutcome o : CallerOutcome.values()) {
            counts.put(o, new AtomicInteger());
        }
        AtomicInteger inCall = new AtomicInteger();
        List<Future<LoadReport.Result>> calls = new ArrayList<>(callers);
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        long arrival = start;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                arrival += Math.round(-Math.log(1 - random.nextDouble()) * meanGapMs * 1_000_000L);
                while (System.nanoTime() < arrival) {
                    Thread.sleep(Math.max(1, Math.min(200, (arrival - System.nanoTime()) / 1_000_000L)));
                    if (System.nanoTime() >= nextProgress) {
                        progress.println(line(start, calls.size(), inCall.get(), counts));
                        nextProgress += PROGRESS_EVERY.toNanos();
                    }
                }
                var caller = new LoadCaller(uri, String.format(Locale.ROOT, "555%07d", i),
                        cues, Duration.ofMillis(Math.round(-Math.log(1 - random.nextDouble())
                                * meanPatience.toMillis())), random.nextDouble() < callbackShare,
                        Duration.ofSeconds(10));
                calls.add(threads.submit(() -> {
                    inCall.incrementAndGet();
                    try {
                        LoadReport.Result r = caller.call(sip);
                        counts.get(r.outcome()).incrementAndGet();
                        return r;
                    } finally {
                        inCall.decrementAndGet();
                    }
                }));
            }
            while (inCall.get() > 0 || calls.stream().anyMatch(f -> !f.isDone())) {
                Thread.sleep(200);
                if (System.nanoTime() >= nextProgress) {
                    progress.println(line(start, calls.size(), inCall.get(), counts));
                    nextProgress += PROGRESS_EVERY.toNanos();
                }
            }
        }
        List<LoadReport.Result> results = new ArrayList<>(calls.size());
        for (var f : calls) {
            results.add(f.resultNow());
        }
        return LoadReport.of(results, serviceLevel);
    }

    private static String line(long start, int offered, int inCall, Map<CallerOutcome, AtomicInteger> counts) {
        return String.format(Locale.ROOT, "%6.0fs  offered %d, in call %d, served %d, abandoned %d, callbacks %d,"
                + " not served %d, failed %d", (System.nanoTime() - start) / 1e9, offered, inCall,
                counts.get(CallerOutcome.SERVED).get(), counts.get(CallerOutcome.ABANDONED).get(),
                counts.get(CallerOutcome.CALLBACK).get(), counts.get(CallerOutcome.NOT_SERVED).get(),
                counts.get(CallerOutcome.FAILED).get());
    }
}
