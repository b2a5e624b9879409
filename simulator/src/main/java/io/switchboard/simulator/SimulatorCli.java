package io.switchboard.simulator;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.PromptLibrary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code switchboard sim call <sip-uri> [options]}: places one simulated call and prints what the caller heard
 * ({@code sim agent …} runs simulated agents' phones: {@link AgentCommand}).
 * Exit status 0 when the call was answered and ended cleanly, 1 when it failed, 2 for bad arguments.
 */
public final class SimulatorCli {

    static final String USAGE = """
            usage: switchboard sim call <sip-uri> [options]
              --keys KEYS[,KEYS...]   keys to press: each group as soon as the next prompt has played to its end
                                      (1,0: 1 when the first prompt ends, 0 when the one after it ends)
              --keys-via rfc4733|info how to send them (default rfc4733)
              --wait-before-keys T    instead, press all keys this long after the answer (e.g. 2s, 500ms)
              --hangup-after T        hang up after this long if the server has not (default 60s)
              --media-timeout T       give up when no RTP arrives for this long: the server died (default 10s)
              --prompts DIR           the prompt library to recognise (default: the repository's prompts)
              --codec PCMU|PCMA       codec to offer (default PCMU)
              --caller NUMBER         the caller's number (default 5550100)
            exit status: 0 answered and ended by either side, 1 failed (no answer, or the server went silent),
            2 bad arguments
            example: switchboard sim call sip:100@127.0.0.1:5060 --keys 1,0""";

    /** The parsed command line. */
    record Args(String uri, List<String> keys, boolean viaInfo, Duration waitBeforeKeys, Duration hangupAfter,
            Duration mediaTimeout, Path prompts, AudioCodec codec, String caller) {}

    private SimulatorCli() {}

    public static void main(String[] argv) {
        System.exit(run(List.of(argv), System.out, System.err));
    }

    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        if (!argv.isEmpty() && argv.get(0).equals("agent")) {
            return AgentCommand.run(argv.subList(1, argv.size()), out, err);
        }
        if (!argv.isEmpty() && argv.get(0).equals("load")) {
            return LoadCommand.run(argv.subList(1, argv.size()), out, err);
        }
        if (argv.contains("--help") || argv.contains("-h") || argv.equals(List.of("help"))) {
            out.println(USAGE);
            return 0;
        }
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
        if (args.waitBeforeKeys() != null && !args.keys().isEmpty()) {
            call.awaitEnded(args.waitBeforeKeys());
            press(call, String.join("", args.keys()), "after " + args.waitBeforeKeys().toMillis() + " ms", args, out);
        } else {
            int promptsUsed = 0;
            for (String group : args.keys()) {
                HeardPrompt ended = awaitPromptEnd(call, promptsUsed, deadline);
                if (ended == null) {
                    out.println("  no prompt ended before the call did; keys " + group + " not pressed");
                    break;
                }
                promptsUsed = call.heard().indexOf(ended) + 1;
                press(call, group, "when " + ended.name() + " ended", args, out);
            }
        }
        CallSession.EndedBy ended = CallSession.EndedBy.NONE;
        boolean silent = false;
        while (ended == CallSession.EndedBy.NONE && System.nanoTime() < deadline) {
            ended = call.awaitEnded(Duration.ofMillis(200));
            long quiet = System.nanoTime() - Math.max(call.lastMediaNanos(), call.answeredNanos);
            if (ended == CallSession.EndedBy.NONE && quiet > args.mediaTimeout().toNanos()) {
                silent = true;
                break;
            }
        }
        if (ended == CallSession.EndedBy.NONE) {
            call.hangup();
            ended = CallSession.EndedBy.CALLER;
        }
        report(call, ended, out);
        if (silent) {
            out.printf("server went silent: no RTP for %.1fs, so the caller hung up (did the server die?)%n",
                    args.mediaTimeout().toMillis() / 1000.0);
            return 1;
        }
        return 0;
    }

    private static void press(CallSession call, String keys, String when, Args args, PrintStream out) {
        if (call.endedBy() != CallSession.EndedBy.NONE) {
            return;
        }
        out.printf("  %.2fs  pressing %s %s (%s)%n", (System.nanoTime() - call.answeredNanos) / 1e9, keys, when,
                args.viaInfo() ? "sip-info" : "rfc4733");
        if (args.viaInfo()) {
            call.pressKeysInfo(keys);
        } else {
            call.pressKeys(keys);
            while (call.keysPending() && call.endedBy() == CallSession.EndedBy.NONE) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // the keys go out one by one
            }
        }
    }

    /**
     * Waits for the first prompt heard after the first {@code skip} ones to play to its end (its start plus its
     * length); null when the call ends or the deadline passes first.
     */
    private static HeardPrompt awaitPromptEnd(CallSession call, int skip, long deadline) {
        while (System.nanoTime() < deadline && call.endedBy() == CallSession.EndedBy.NONE) {
            List<HeardPrompt> heard = call.heard();
            if (heard.size() > skip && System.nanoTime() >= heard.get(skip).endNanos()) {
                return heard.get(skip);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        return null;
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

    static Args parse(List<String> argv) {
        if (argv.isEmpty() || !argv.get(0).equals("call")) {
            throw new IllegalArgumentException("the commands are 'call', 'agent' and 'load' (sim agent --help,"
                    + " sim load --help)");
        }
        if (argv.size() < 2 || !argv.get(1).startsWith("sip:")) {
            throw new IllegalArgumentException("give the SIP URI to call, e.g. sip:100@127.0.0.1:5060");
        }
        String uri = argv.get(1);
        List<String> keys = List.of();
        boolean info = false;
        Duration mediaTimeout = Duration.ofSeconds(10);
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
                    if (!v.matches("[0-9*#A-Da-d]+(,[0-9*#A-Da-d]+)*")) {
                        throw new IllegalArgumentException("--keys takes 0-9, *, # and A-D, in groups separated by"
                                + " commas (1,0), got '" + v + "'");
                    }
                    keys = List.of(v.split(","));
                }
                case "--keys-via" -> info = switch (v) {
                    case "rfc4733" -> false;
                    case "info" -> true;
                    default -> throw new IllegalArgumentException("--keys-via is rfc4733 or info, got '" + v + "'");
                };
                case "--wait-before-keys" -> wait = duration(opt, v);
                case "--hangup-after" -> hangup = duration(opt, v);
                case "--media-timeout" -> mediaTimeout = duration(opt, v);
                case "--prompts" -> prompts = Path.of(v);
                case "--codec" -> codec = AudioCodec.byName(v).orElseThrow(
                        () -> new IllegalArgumentException("--codec is PCMU or PCMA, got '" + v + "'"));
                case "--caller" -> caller = v;
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        return new Args(uri, keys, info, wait, hangup, mediaTimeout, prompts, codec, caller);
    }

    /** A subcommand's parsed arguments, or the exit status when it is done already (help shown, bad arguments). */
    record Parsed<A>(A args, Integer exit) {}

    /**
     * {@code --help} prints {@code usage} (exit 0); arguments {@code parser} refuses are reported with the usage
     * (exit 2); otherwise the parsed arguments.
     */
    static <A> Parsed<A> arguments(List<String> argv, PrintStream out, PrintStream err, String command, String usage,
            java.util.function.Function<List<String>, A> parser) {
        if (argv.contains("--help") || argv.contains("-h")) {
            out.println(usage);
            return new Parsed<>(null, 0);
        }
        try {
            return new Parsed<>(parser.apply(argv), null);
        } catch (IllegalArgumentException e) {
            err.println(command + ": " + e.getMessage());
            err.println(usage);
            return new Parsed<>(null, 2);
        }
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
