package io.switchboard.simulator;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.PromptLibrary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code switchboard sim call <sip-uri> [options]}: places one simulated call and prints what the caller heard.
 * Exit status 0 when the call was answered and ended cleanly, 1 when it failed, 2 for bad arguments.
 */
public final class SimulatorCli {

    static final String USAGE = """
            usage: switchboard sim call <sip-uri> [options]
              --keys DIGITS           keys to press (after the first prompt, or after --wait-before-keys)
              --keys-via rfc4733|info how to send them (default rfc4733)
              --wait-before-keys T    press keys this long after the answer instead (e.g. 2s, 500ms)
              --hangup-after T        hang up after this long if the server has not (default 60s)
              --prompts DIR           the prompt library to recognise (default: the repository's prompts)
              --codec PCMU|PCMA       codec to offer (default PCMU)
              --caller NUMBER         the caller's number (default 5550100)
            example: switchboard sim call sip:100@127.0.0.1:5060 --keys 2""";

    /** The parsed command line. */
    record Args(String uri, String keys, boolean viaInfo, Duration waitBeforeKeys, Duration hangupAfter,
            Path prompts, AudioCodec codec, String caller) {}

    private SimulatorCli() {}

    public static void main(String[] argv) {
        System.exit(run(List.of(argv), System.out, System.err));
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        Args args;
        try {
            args = parse(argv);
        } catch (IllegalArgumentException e) {
            err.println("sim: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (SimulatedCaller caller = new SimulatedCaller(PromptLibrary.load(args.prompts()),
                SimulatedCaller.Options.defaults().withCodec(args.codec()).withCaller(args.caller()))) {
            return call(caller, args, out);
        } catch (Exception e) {
            err.println("sim: " + e.getMessage());
            return 1;
        }
    }

    private static int call(SimulatedCaller caller, Args args, PrintStream out) throws Exception {
        out.println("calling " + args.uri());
        CallSession call = caller.dial(args.uri());
        int status = call.status(Duration.ofSeconds(30));
        if (status != 200) {
            out.println("call failed: " + (status < 0 ? "no answer" : "SIP " + status));
            return 1;
        }
        long deadline = System.nanoTime() + args.hangupAfter().toNanos();
        if (!args.keys().isEmpty()) {
            if (args.waitBeforeKeys() != null) {
                call.awaitEnded(args.waitBeforeKeys());
            } else {
                HeardPrompt first = call.awaitPrompt(firstPromptName(call), Duration.ofSeconds(10));
                waitForPromptEnd(call, first);
            }
            if (call.endedBy() == CallSession.EndedBy.NONE) {
                out.printf("  %.2fs  pressing %s (%s)%n", (System.nanoTime() - call.answeredNanos) / 1e9, args.keys(),
                        args.viaInfo() ? "sip-info" : "rfc4733");
                if (args.viaInfo()) {
                    call.pressKeysInfo(args.keys());
                } else {
                    call.pressKeys(args.keys());
                }
            }
        }
        CallSession.EndedBy ended = call.awaitEnded(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        if (ended == CallSession.EndedBy.NONE) {
            call.hangup();
            ended = CallSession.EndedBy.CALLER;
        }
        report(call, ended, out);
        return 0;
    }

    static void report(CallSession call, CallSession.EndedBy ended, PrintStream out) {
        out.println("heard:");
        call.heard().forEach(h -> out.println("  " + h));
        for (PromptRecognizer.Gap gap : call.silenceGaps()) {
            out.printf("  silence of %.2fs at %.2fs%n", gap.length().toMillis() / 1000.0,
                    gap.offset().toMillis() / 1000.0);
        }
        out.println("call ended by " + (ended == CallSession.EndedBy.SERVER ? "server (BYE)" : "caller (BYE)"));
        out.println(call.stats());
    }

    private static String firstPromptName(CallSession call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (call.heard().isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        if (call.heard().isEmpty()) {
            throw new IllegalStateException("heard no prompt within 10 s");
        }
        return call.heard().get(0).name();
    }

    /** Waits until the prompt after {@code first} starts or no audio has matched for a while. */
    private static void waitForPromptEnd(CallSession call, HeardPrompt first) {
        // the next prompt starting marks the end of the first one
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && call.heard().size() < 2 && call.endedBy() == CallSession.EndedBy.NONE) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }

    static Args parse(List<String> argv) {
        if (argv.isEmpty() || !argv.get(0).equals("call")) {
            throw new IllegalArgumentException("the only command is 'call'");
        }
        if (argv.size() < 2 || !argv.get(1).startsWith("sip:")) {
            throw new IllegalArgumentException("give the SIP URI to call, e.g. sip:100@127.0.0.1:5060");
        }
        String uri = argv.get(1);
        String keys = "";
        boolean info = false;
        Duration wait = null;
        Duration hangup = Duration.ofSeconds(60);
        Path prompts = PromptLibrary.defaultDirectory();
        AudioCodec codec = AudioCodec.PCMU;
        String caller = "5550100";
        for (int i = 2; i < argv.size(); i++) {
            String opt = argv.get(i);
            if (i + 1 >= argv.size()) {
                throw new IllegalArgumentException(opt + " needs a value");
            }
            String v = argv.get(++i);
            switch (opt) {
                case "--keys" -> {
                    if (!v.matches("[0-9*#A-Da-d]+")) {
                        throw new IllegalArgumentException("--keys takes 0-9, *, # and A-D, got '" + v + "'");
                    }
                    keys = v;
                }
                case "--keys-via" -> info = switch (v) {
                    case "rfc4733" -> false;
                    case "info" -> true;
                    default -> throw new IllegalArgumentException("--keys-via is rfc4733 or info, got '" + v + "'");
                };
                case "--wait-before-keys" -> wait = duration(opt, v);
                case "--hangup-after" -> hangup = duration(opt, v);
                case "--prompts" -> prompts = Path.of(v);
                case "--codec" -> codec = AudioCodec.byName(v).orElseThrow(
                        () -> new IllegalArgumentException("--codec is PCMU or PCMA, got '" + v + "'"));
                case "--caller" -> caller = v;
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        return new Args(uri, keys, info, wait, hangup, prompts, codec, caller);
    }

    /** A time on the command line ({@code 500ms}, {@code 2s}, {@code 1m}); a bad one names {@code option}. */
    public static Duration duration(String option, String value) {
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " takes a time like 500ms, 2s or 1m, got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
