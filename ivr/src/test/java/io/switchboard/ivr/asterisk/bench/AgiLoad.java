package io.switchboard.ivr.asterisk.bench;

import io.switchboard.callflow.FlowCompiler;
import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.ivr.asterisk.AgiLimits;
import io.switchboard.ivr.asterisk.FastAgiService;
import io.switchboard.ivr.flow.PublishedFlow;
import io.switchboard.ivr.testing.AsteriskTranscript;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load mode for the FastAGI service (scripts/bench-agi.sh; run on demand, never in the test suite): many Asterisk
 * sessions at once, each running a real flow through the interpreter (a menu whose key loops back to it), against
 * a simulated Asterisk that answers every command at once, so what is measured is Switchboard's side alone.
 *
 * <p>Phase 1 opens every session and holds each at its {@code ANSWER} until all are open (the concurrent sessions
 * one server holds). Phase 2 releases them together; each then answers {@code commands} prompts with a key and the
 * time from Asterisk's reply leaving to the next command arriving is the per-command overhead (loopback TCP both
 * ways included). Prints one JSON line. Arguments: sessions (2000), commands per session (50).
 */
public final class AgiLoad {

    private static final String FLOW = """
            flow: load
            start: menu
            steps:
              menu:
                menu:
                  prompt: [main-menu]
                  options: {"1": menu}
                  timeout: 3s
                  on-failure: bye
              bye: {hangup: {}}
            """;

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int commands = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        PublishedFlow flow = new PublishedFlow("load", 1, FlowCompiler.compile("load.yaml", FLOW));
        FlowInterpreter interpreter = new FlowInterpreter(FlowInterpreter.DEFAULT_STEP_LIMIT);
        FastAgiService service = new FastAgiService(InetAddress.getLoopbackAddress(), 0,
                new AgiLimits(8192, 256, Duration.ofMinutes(5), sessions + 10),
                (call, f) -> interpreter.run(f.flow(), call, FlowListener.NONE), d -> Optional.of(flow),
                Clock.systemUTC(), "/tmp");
        service.start();
        StringBuilder env = new StringBuilder();
        AsteriskTranscript.load("agi-session-20.20.1.txt").environment().forEach(env::append);
        String environment = env.toString();

        CountDownLatch allAnswered = new CountDownLatch(sessions);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(sessions);
        long[][] latencies = new long[sessions][commands];
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            int n = i;
            Thread.ofVirtual().start(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.UTF_8));
                    out.write(environment.replace("agi_uniqueid: 1796053077.0", "agi_uniqueid: 1796053077." + n)
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    String command = in.readLine(); // ANSWER
                    allAnswered.countDown();
                    release.await();
                    long sent = reply(out, "200 result=0\n");
                    for (int c = 0; c < commands; c++) {
                        command = in.readLine();
                        latencies[n][c] = System.nanoTime() - sent;
                        if (command == null || !command.startsWith("STREAM FILE")) {
                            throw new IllegalStateException("expected a prompt, got " + command);
                        }
                        sent = reply(out, c + 1 < commands ? "200 result=49 endpos=9280\n"
                                : "200 result=-1 endpos=4000\nHANGUP\n");
                    }
                    while ((command = in.readLine()) != null) {
                        reply(out, command.startsWith("SET VARIABLE") ? "200 result=1\n"
                                : "511 Command Not Permitted on a dead channel or intercept routine\n");
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    allAnswered.countDown();
                } finally {
                    done.countDown();
                }
            });
        }
        boolean opened = allAnswered.await(5, TimeUnit.MINUTES);
        long openMs = (System.nanoTime() - started) / 1_000_000;
        int concurrent = service.sessions().count();
        int liveCalls = service.sessions().calls().size();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        int platformThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        long phase2 = System.nanoTime();
        release.countDown();
        boolean finished = done.await(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - phase2) / 1e9;
        service.close();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        System.out.printf("{\"sessions\": %d, \"opened\": %s, \"open_ms\": %d, \"concurrent_sessions\": %d,"
                + " \"live_calls\": %d, \"heap_mb_at_peak\": %d, \"platform_threads_at_peak\": %d,"
                + " \"failed_sessions\": %d, \"finished\": %s, \"commands\": %d, \"commands_per_s\": %.0f,"
                + " \"overhead_us\": {\"p50\": %.1f, \"p90\": %.1f, \"p99\": %.1f, \"max\": %.1f}}%n",
                sessions, opened, openMs, concurrent, liveCalls, heapMb, platformThreads, failed.get(), finished,
                all.length, all.length / seconds, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1000.0);
        System.exit(0);
    }

    private static long reply(OutputStream out, String text) throws java.io.IOException {
        long now = System.nanoTime();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return now;
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
                / 1000.0;
    }
}
