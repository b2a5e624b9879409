package io.switchboard.simulator.flowtest;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.FlowCompiler;
import io.switchboard.callflow.flowtest.FlowTestFile;
import io.switchboard.callflow.flowtest.WrittenKeys;
import io.switchboard.simulator.SimulatorCli;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code switchboard flow test --server URI FILES|DIRS}: runs flow test files over SIP against a running server
 * with the simulated caller. Prints a line per case ({@code ok}, {@code FAIL} with the script line, {@code n/a}
 * with why) and {@code N passed, N failed, N not applicable}; exit status 1 when a case fails or a file is broken,
 * 2 for bad arguments.
 */
public final class SipFlowTestCommand {

    static final String USAGE = """
            usage: switchboard flow test --server sip:100@127.0.0.1:5060 [options] FILES|DIRS
              runs flow test files over SIP: each case is a real call from its caller to its dialed number
              --server URI            the server to call; a case's dialed number replaces the URI's user part
              --prompts DIR           the server's prompt library, to recognise prompts (default: the repository's)
              --time-limit T          the longest a case's call may take, e.g. 90s or 2m (default 2m)
              --keys-via rfc4733|info how to send keys (default rfc4733)
              --parallel N            how many calls at once (default 8)
              --agents IDS            simulated agents to bring, e.g. 1001-1003 or 1001,1002: they register, dial *51,
                                      answer, talk and hang up, so cases that mock a queue connected run for real
              --agent-password P      their password (or SWITCHBOARD_AGENT_PASSWORD)
              --agent-talk T          how long an agent talks before hanging up (default 2s)
              --calendar NAME=STATE   what a calendar says on the server during the run: open, closed or holiday
                                      (e.g. a server run with switchboard.calendars.support=open-now); repeatable
              cases with time:, closed-now:, requests:, variables:, or mocks the server does not answer the same way
              only make sense offline: they are reported n/a with why""";

    /** The parsed command line. */
    record Args(SipFlowTests.Settings settings, Path prompts, List<String> paths) {}

    private SipFlowTestCommand() {}

    public static void main(String[] argv) {
        System.exit(run(List.of(argv), System.out, System.err));
    }

    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        Args args;
        List<Path> files;
        PromptLibrary prompts;
        try {
            args = parse(argv);
            files = testFiles(args.paths());
            prompts = PromptLibrary.load(args.prompts());
        } catch (IllegalArgumentException | IOException e) {
            err.println("flow test: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (SipFlowTests calls = new SipFlowTests(args.settings(), prompts)) {
            if (!calls.agentsNotAvailable().isEmpty()) {
                err.println("flow test: agents not available on the server: "
                        + String.join(", ", calls.agentsNotAvailable()));
                return 1;
            }
            return run(files, calls, args.settings().server(), out);
        } catch (IOException e) {
            err.println("flow test: " + e.getMessage());
            return 1;
        }
    }

    private static int run(List<Path> files, SipFlowTests calls, String server, PrintStream out) {
        record Started(Path file, String flowId, List<Future<SipCaseResult>> cases) {}
        List<Started> started = new ArrayList<>();
        int failed = 0;
        for (Path file : files) {
            try {
                FlowTestFile tests = FlowTestFile.read(file);
                CompiledFlow flow = FlowCompiler.compile(tests.flow());
                WrittenKeys written = WrittenKeys.of(file);
                started.add(new Started(file, flow.id(), tests.cases().stream()
                        .map(c -> calls.submit(c, written, flow)).toList()));
            } catch (FlowCompileException e) {
                e.diagnostics().forEach(out::println);
                failed++;
            }
        }
        int passed = 0;
        int notApplicable = 0;
        for (Started s : started) {
            out.println(s.file() + " (flow " + s.flowId() + ", over SIP to " + server + ")");
            for (Future<SipCaseResult> f : s.cases()) {
                switch (result(f)) {
                    case SipCaseResult.Passed p -> {
                        passed++;
                        String note = p.note().isEmpty() ? "" : " (" + p.note() + ")";
                        out.println("  ok    " + p.testCase().name() + note);
                    }
                    case SipCaseResult.Failed x -> {
                        failed++;
                        out.println("  FAIL  " + x.testCase().name());
                        out.println("        " + x.message());
                    }
                    case SipCaseResult.NotApplicable n -> {
                        notApplicable++;
                        out.println("  n/a   " + n.testCase().name() + " (" + n.reason() + ")");
                    }
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed, " + notApplicable + " not applicable");
        return failed > 0 ? 1 : 0;
    }

    private static SipCaseResult result(Future<SipCaseResult> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a flow test call failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a flow test call", e);
        }
    }

    static Args parse(List<String> argv) {
        return parse(argv, System.getenv());
    }

    static Args parse(List<String> argv, java.util.Map<String, String> env) {
        String server = null;
        List<String> agents = List.of();
        String agentPassword = env.get("SWITCHBOARD_AGENT_PASSWORD");
        Duration agentTalk = Duration.ofSeconds(2);
        java.util.Map<String, String> calendars = new java.util.TreeMap<>();
        Path prompts = PromptLibrary.defaultDirectory();
        Duration timeLimit = Duration.ofMinutes(2);
        boolean info = false;
        int parallel = 8;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (!arg.startsWith("--")) {
                paths.add(arg);
                continue;
            }
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < argv.size()) {
                value = argv.get(++i);
            } else {
                throw new IllegalArgumentException(option + " needs a value");
            }
            switch (option) {
                case "--server" -> server = value;
                case "--prompts" -> prompts = Path.of(value);
                case "--time-limit" -> timeLimit = SimulatorCli.duration(option, value);
                case "--keys-via" -> info = switch (value) {
                    case "rfc4733" -> false;
                    case "info" -> true;
                    default -> throw new IllegalArgumentException("--keys-via is rfc4733 or info, got '" + value + "'");
                };
                case "--parallel" -> parallel = number(option, value);
                case "--agents" -> agents = agentIds(value);
                case "--agent-password" -> agentPassword = value;
                case "--agent-talk" -> agentTalk = SimulatorCli.duration(option, value);
                case "--calendar" -> {
                    String[] kv = value.split("=", 2);
                    if (kv.length != 2 || !kv[0].matches("[A-Za-z0-9_-]{1,64}")
                            || !java.util.Set.of("open", "closed", "holiday").contains(kv[1])) {
                        throw new IllegalArgumentException("--calendar is NAME=open, NAME=closed or NAME=holiday, got '"
                                + value + "'");
                    }
                    calendars.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (server == null) {
            throw new IllegalArgumentException("give the server to call: --server sip:100@127.0.0.1:5060");
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("name flow test files or directories");
        }
        if (!agents.isEmpty() && (agentPassword == null || agentPassword.isEmpty())) {
            throw new IllegalArgumentException("give the agents' password with --agent-password or"
                    + " SWITCHBOARD_AGENT_PASSWORD");
        }
        return new Args(new SipFlowTests.Settings(server, timeLimit, info, parallel,
                new ServerConditions(agents, agentPassword, agentTalk, calendars)), prompts, paths);
    }

    /** {@code 1001-1003} or {@code 1001,1002}: at most 100 agents. */
    static List<String> agentIds(String value) {
        List<String> ids = new ArrayList<>();
        java.util.regex.Matcher range = java.util.regex.Pattern.compile("(\\d{1,9})-(\\d{1,9})").matcher(value);
        if (range.matches()) {
            long first = Long.parseLong(range.group(1));
            long last = Long.parseLong(range.group(2));
            if (last < first || last - first >= 100) {
                throw new IllegalArgumentException("--agents takes a range of 1 to 100 ids, got '" + value + "'");
            }
            for (long id = first; id <= last; id++) {
                ids.add(Long.toString(id));
            }
            return ids;
        }
        for (String id : value.split(",", -1)) {
            if (!id.matches("[A-Za-z0-9._-]{1,64}") || ids.contains(id)) {
                throw new IllegalArgumentException("--agents takes ids like 1001-1003 or 1001,1002, got '" + value
                        + "'");
            }
            ids.add(id);
        }
        if (ids.size() > 100) {
            throw new IllegalArgumentException("--agents takes at most 100 ids");
        }
        return ids;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, got '" + value + "'");
        }
    }

    /** The test files: files as given, directories searched for test files (flow files there are passed over). */
    static List<Path> testFiles(List<String> paths) throws IOException {
        return io.switchboard.callflow.flowtest.FlowTestFiles.find(paths).tests();
    }
}
