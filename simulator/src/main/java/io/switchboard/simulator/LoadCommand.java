package io.switchboard.simulator;

import io.switchboard.simulator.load.LoadReport;
import io.switchboard.simulator.load.LoadRun;
import io.switchboard.simulator.load.QueueJourney;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code switchboard sim load …}: callers and agents against a running server for a while. The agents (already
 * defined on the server, ids counting up from {@code --first-agent}) register and answer, greeting each caller with
 * the {@code agent-greeting} prompt; callers arrive at random over the duration, answer the menus by the cues,
 * wait with their own patience, some take a call back. Prints a progress line every 5 s and then the report:
 * offered, served, abandoned, call backs, average and p90 wait, service level, announced against actual wait, and
 * the longest silence a caller heard before an agent. Exit 0 when every agent registered and no call failed.
 */
final class LoadCommand {

    static final String USAGE = """
            usage: switchboard sim load --agent-password PASSWORD [options]
              --server HOST:PORT     the server's SIP address (default 127.0.0.1:5060)
              --dial NUMBER          the number callers dial (default 100)
              --callers N            callers offered over the run (default 200)
              --duration T           how long callers keep arriving (default 10m)
              --agents N             simulated agents (default 20), ids from --first-agent up (default 2001)
              --agent-password P     their password (default: $SWITCHBOARD_AGENT_PASSWORD)
              --login-code CODE      the feature code agents dial to become available (default *51; none)
              --answer-after T       agents answer after ringing this long (default 2s)
              --talk T               agents talk this long (default 60s)
              --patience T           callers' mean patience in the queue (default 3m)
              --callback-share X     share of callers who take a call back when offered one (default 0.1)
              --cues P=K[,P=K...]    keys to press when a prompt ends (default language-menu=1,welcome=0)
              --service-level T      the service-level threshold the report uses (default 20s)
              --seed N               random seed, to repeat a run (default 1)
              --json FILE            also write the report as JSON
            example: switchboard sim load --callers 200 --agents 20 --duration 10m --agent-password s3cret""";

    /** The parsed command line. */
    record Args(String server, String dial, int callers, Duration duration, int agents, long firstAgent,
            String password, Duration answerAfter, Duration talk, Duration patience, double callbackShare,
            Map<String, String> cues, Duration serviceLevel, long seed, Path json, String loginCode) {}

    private LoadCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        var parsed = SimulatorCli.arguments(argv, out, err, "sim load", USAGE, a -> parse(a, System.getenv()));
        if (parsed.exit() != null) {
            return parsed.exit();
        }
        Args args = parsed.args();
        PromptLibrary prompts = PromptLibrary.load(PromptLibrary.defaultDirectory());
        Prompt greeting = prompts.find(QueueJourney.AGENT_GREETING, "en").orElse(null);
        if (greeting == null) {
            err.println("sim load: the prompt library has no " + QueueJourney.AGENT_GREETING + " prompt");
            return 2;
        }
        var options = SimulatedAgents.Options.to(args.server()).withTiming(args.answerAfter(), args.talk(),
                Duration.ZERO).withVoice(greeting);
        try (SimulatedAgents phones = new SimulatedAgents(prompts, options);
                SimulatedCaller sip = new SimulatedCaller(prompts, SimulatedCaller.Options.defaults())) {
            List<SimulatedAgent> agents = new ArrayList<>();
            for (int i = 0; i < args.agents(); i++) {
                agents.add(phones.add(String.valueOf(args.firstAgent() + i), args.password()));
            }
            for (SimulatedAgent a : agents) {
                if (!a.awaitRegistration(SimulatedAgent.Registration.REGISTERED, Duration.ofSeconds(10))) {
                    err.println("sim load: agent " + a.id() + " did not register (SIP " + a.lastRegisterStatus()
                            + "); define the agents on the server first (agents.yaml or POST /api/agents)");
                    return 1;
                }
            }
            if (args.loginCode() != null) {
                List<String> refused = phones.logIn(agents, args.loginCode());
                if (!refused.isEmpty()) {
                    err.println("sim load: agents did not become available: " + String.join(", ", refused));
                    return 1;
                }
            }
            out.println(args.agents() + " agents registered" + (args.loginCode() == null ? "" : " and available")
                    + "; " + args.callers() + " callers over "
                    + args.duration().toSeconds() + "s to sip:" + args.dial() + "@" + args.server());
            LoadRun run = new LoadRun("sip:" + args.dial() + "@" + args.server(), args.callers(), args.duration(),
                    args.cues(), args.patience(), args.callbackShare(), args.serviceLevel(), args.seed());
            LoadReport report = run.run(sip, out);
            out.print(report.text());
            if (args.json() != null) {
                Files.writeString(args.json(), report.json() + "\n");
            }
            agents.forEach(phones::unregister);
            return report.count(io.switchboard.simulator.load.CallerOutcome.FAILED) == 0 ? 0 : 1;
        } catch (IOException e) {
            err.println("sim load: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static Args parse(List<String> argv, Map<String, String> env) {
        String server = "127.0.0.1:5060";
        String dial = "100";
        int callers = 200;
        Duration duration = Duration.ofMinutes(10);
        int agents = 20;
        long first = 2001;
        String password = env.get("SWITCHBOARD_AGENT_PASSWORD");
        Duration answer = Duration.ofSeconds(2);
        Duration talk = Duration.ofSeconds(60);
        Duration patience = Duration.ofMinutes(3);
        double share = 0.1;
        Map<String, String> cues = new LinkedHashMap<>(Map.of("language-menu", "1", "welcome", "0"));
        Duration serviceLevel = Duration.ofSeconds(20);
        long seed = 1;
        Path json = null;
        String loginCode = "*51";
        for (int i = 0; i < argv.size(); i++) {
            String opt = argv.get(i);
            if (i + 1 >= argv.size()) {
                throw new IllegalArgumentException(opt + " needs a value");
            }
            String v = argv.get(++i);
            switch (opt) {
                case "--server" -> server = AgentCommand.server(v);
                case "--dial" -> {
                    if (!v.matches("[0-9*#+]{1,20}")) {
                        throw new IllegalArgumentException("--dial takes a number such as 100, got '" + v + "'");
                    }
                    dial = v;
                }
                case "--callers" -> callers = AgentCommand.number(opt, v, 1, 100_000);
                case "--duration" -> duration = SimulatorCli.duration(opt, v);
                case "--agents" -> agents = AgentCommand.number(opt, v, 0, 1000);
                case "--first-agent" -> first = AgentCommand.number(opt, v, 1, 999_999);
                case "--agent-password" -> password = v;
                case "--answer-after" -> answer = SimulatorCli.duration(opt, v);
                case "--talk" -> talk = SimulatorCli.duration(opt, v);
                case "--patience" -> patience = SimulatorCli.duration(opt, v);
                case "--callback-share" -> {
                    try {
                        share = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        share = -1;
                    }
                    if (!(share >= 0 && share <= 1)) {
                        throw new IllegalArgumentException("--callback-share is a share from 0 to 1, got '" + v + "'");
                    }
                }
                case "--cues" -> cues = cues(v);
                case "--service-level" -> serviceLevel = SimulatorCli.duration(opt, v);
                case "--seed" -> seed = AgentCommand.number(opt, v, 0, 999_999);
                case "--json" -> json = Path.of(v);
                case "--login-code" -> loginCode = AgentCommand.loginCode(v);
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        if (agents > 0 && (password == null || password.isEmpty())) {
            throw new IllegalArgumentException("give the agents' password with --agent-password or"
                    + " SWITCHBOARD_AGENT_PASSWORD");
        }
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration must be more than zero");
        }
        return new Args(server, dial, callers, duration, agents, first, password, answer, talk, patience, share, cues,
                serviceLevel, seed, json, loginCode);
    }

    private static Map<String, String> cues(String v) {
        Map<String, String> cues = new LinkedHashMap<>();
        for (String pair : v.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || !kv[0].matches("[a-z0-9/_-]{1,64}") || !kv[1].matches("[0-9*#]{1,20}")) {
                throw new IllegalArgumentException("--cues takes prompt=keys pairs such as language-menu=1,welcome=0,"
                        + " got '" + pair + "'");
            }
            cues.put(kv[0], kv[1]);
        }
        return cues;
    }
}
