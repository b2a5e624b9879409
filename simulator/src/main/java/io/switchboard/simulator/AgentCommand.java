package io.switchboard.simulator;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code switchboard sim agent …}: simulated agents' phones against a running server, many in one process. Each
 * registers with digest authentication, answers calls after a delay, talks (the agent-greeting prompt, which a
 * simulated caller recognises; a tone without the prompt library) for a time or until the caller
 * hangs up, and wraps up. A status line is printed whenever something changed. Exit status 0 when every agent
 * registered, 1 when one was refused, 2 for bad arguments.
 */
final class AgentCommand {

    static final String USAGE = """
            usage: switchboard sim agent --id ID --password PASSWORD [options]
              --id ID               the agent's id, also its SIP user name
              --count N             simulate N agents (1-1000): ids count up from --first-id (digits)
              --first-id ID         the first id when --count is given (default: --id)
              --password PASSWORD   the agents' password (default: $SWITCHBOARD_AGENT_PASSWORD)
              --server HOST:PORT    the server's SIP address (default 127.0.0.1:5060)
              --answer-after T      ring this long before answering (default 1s)
              --talk T              talk this long, then hang up; 0s: until the caller does (default 20s)
              --wrap-up T           after a call, answer new calls busy for this long (default 0s)
              --codec PCMU|PCMA     the codec to prefer (default PCMU)
              --expires S           registration time to ask for, in seconds (default 300)
              --duration T          run this long, then unregister and exit (default: until interrupted)
              --login-code CODE     once registered, dial this feature code to become available (default *51;
                                    none: leave the state to the API or a supervisor)
            exit status: 0 every agent registered, 1 one was refused, 2 bad arguments
            example: switchboard sim agent --id 1001 --password s3cret --server 127.0.0.1:5060 --talk 20s""";

    /** The parsed command line. */
    record Args(List<String> ids, String password, String server, Duration answerAfter, Duration talk,
            Duration wrapUp, AudioCodec codec, int expires, Duration duration, String loginCode) {}

    private AgentCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        var parsed = SimulatorCli.arguments(argv, out, err, "sim agent", USAGE, a -> parse(a, System.getenv()));
        if (parsed.exit() != null) {
            return parsed.exit();
        }
        Args args = parsed.args();
        Prompt voice = PromptLibrary.load(PromptLibrary.defaultDirectory()).find("agent-greeting", "en")
                .orElseGet(() -> new Prompt("agent-voice", "en", tone()));
        SimulatedAgents.Options options = SimulatedAgents.Options.to(args.server()).withCodec(args.codec())
                .withTiming(args.answerAfter(), args.talk(), args.wrapUp()).withExpires(args.expires())
                .withVoice(voice);
        try (SimulatedAgents agents = new SimulatedAgents(PromptLibrary.of(List.of(voice)), options)) {
            List<SimulatedAgent> all = new ArrayList<>();
            for (String id : args.ids()) {
                all.add(agents.add(id, args.password()));
            }
            out.println(args.ids().size() + " agent(s) registering with " + args.server() + " from port "
                    + agents.sipPort());
            if (args.loginCode() != null) {
                List<String> refused = agents.logIn(all, args.loginCode());
                out.println(refused.isEmpty() ? "every agent dialled " + args.loginCode() + " and is available"
                        : "not available: " + String.join(", ", refused));
            }
            return watch(agents, all, args, out);
        } catch (Exception e) {
            err.println("sim agent: " + e.getMessage());
            return 1;
        }
    }

    private static int watch(SimulatedAgents agents, List<SimulatedAgent> all, Args args, PrintStream out) {
        long end = args.duration() == null ? Long.MAX_VALUE : System.nanoTime() + args.duration().toNanos();
        String last = "";
        while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
            String now = status(all);
            if (!now.equals(last)) {
                out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + now);
                last = now;
            }
            LockSupport.parkNanos(200_000_000L);
        }
        boolean refused = all.stream().anyMatch(a -> a.registration() == SimulatedAgent.Registration.REFUSED);
        List<SimulatedAgent> leaving = all.stream()
                .filter(a -> a.registration() == SimulatedAgent.Registration.REGISTERED).toList();
        leaving.forEach(agents::unregister);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (SimulatedAgent a : leaving) { // each unregistration is challenged too: let it finish
            a.awaitRegistration(SimulatedAgent.Registration.UNREGISTERED,
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + status(all));
        all.stream().filter(a -> a.registration() == SimulatedAgent.Registration.REFUSED).forEach(a -> out.println(
                "agent " + a.id() + " was refused: SIP " + a.lastRegisterStatus()
                        + (a.lastRegisterStatus() == 401 ? " (wrong password or unknown agent)" : "")));
        return refused ? 1 : 0;
    }

    /** One line: registrations and calls of all agents. */
    static String status(List<SimulatedAgent> all) {
        long registered = all.stream().filter(a -> a.registration() == SimulatedAgent.Registration.REGISTERED)
                .count();
        long refused = all.stream().filter(a -> a.registration() == SimulatedAgent.Registration.REFUSED).count();
        int rung = all.stream().mapToInt(SimulatedAgent::timesRung).sum();
        int answered = all.stream().mapToInt(a -> a.answered().size()).sum();
        long talking = all.stream().flatMap(a -> a.answered().stream())
                .filter(c -> c.endedBy() == CallSession.EndedBy.NONE).count();
        return "registered " + registered + "/" + all.size() + (refused > 0 ? ", refused " + refused : "")
                + "; rung " + rung + ", answered " + answered + ", talking " + talking;
    }

    static Args parse(List<String> argv, Map<String, String> env) {
        String id = null;
        String firstId = null;
        int count = 0;
        String password = env.get("SWITCHBOARD_AGENT_PASSWORD");
        String server = "127.0.0.1:5060";
        Duration answer = Duration.ofSeconds(1);
        Duration talk = Duration.ofSeconds(20);
        Duration wrap = Duration.ZERO;
        AudioCodec codec = AudioCodec.PCMU;
        int expires = 300;
        Duration duration = null;
        String loginCode = "*51";
        for (int i = 0; i < argv.size(); i++) {
            String opt = argv.get(i);
            if (i + 1 >= argv.size()) {
                throw new IllegalArgumentException(opt + " needs a value");
            }
            String v = argv.get(++i);
            switch (opt) {
                case "--id" -> id = v;
                case "--first-id" -> firstId = v;
                case "--count" -> count = number(opt, v, 1, 1000);
                case "--password" -> password = v;
                case "--server" -> server = server(v);
                case "--answer-after" -> answer = SimulatorCli.duration(opt, v);
                case "--talk" -> talk = SimulatorCli.duration(opt, v);
                case "--wrap-up" -> wrap = SimulatorCli.duration(opt, v);
                case "--codec" -> codec = AudioCodec.byName(v).orElseThrow(
                        () -> new IllegalArgumentException("--codec is PCMU or PCMA, got '" + v + "'"));
                case "--expires" -> expires = number(opt, v, 1, 86_400);
                case "--duration" -> duration = SimulatorCli.duration(opt, v);
                case "--login-code" -> loginCode = loginCode(v);
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        String first = firstId != null ? firstId : id;
        if (first == null || !first.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("give the agent's id with --id (letters, digits, '.', '_', '-')");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("give the password with --password or SWITCHBOARD_AGENT_PASSWORD");
        }
        List<String> ids = new ArrayList<>();
        if (count <= 1) {
            ids.add(first);
        } else {
            if (!first.matches("\\d{1,12}")) {
                throw new IllegalArgumentException("with --count, the first id must be digits, got '" + first + "'");
            }
            long start = Long.parseLong(first);
            for (int k = 0; k < count; k++) {
                ids.add(String.valueOf(start + k));
            }
        }
        return new Args(ids, password, server, answer, talk, wrap, codec, expires, duration, loginCode);
    }

    /** A feature code ({@code *51}) or {@code none} (null). */
    static String loginCode(String v) {
        if (v.equals("none")) {
            return null;
        }
        if (!v.matches("[*#][0-9*#]{1,15}")) {
            throw new IllegalArgumentException("--login-code is a feature code such as *51, or none; got '" + v + "'");
        }
        return v;
    }

    /** A server's SIP address, HOST:PORT. */
    static String server(String v) {
        if (!v.matches("[A-Za-z0-9.:\\[\\]-]+:\\d{1,5}")) {
            throw new IllegalArgumentException("--server is HOST:PORT, got '" + v + "'");
        }
        return v;
    }

    static int number(String opt, String v, int min, int max) {
        if (!v.matches("\\d{1,6}") || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
            throw new IllegalArgumentException(opt + " takes a whole number from " + min + " to " + max + ", got '"
                    + v + "'");
        }
        return Integer.parseInt(v);
    }

    /** The agent's voice: a second of a two-tone chord, looped. */
    private static short[] tone() {
        short[] s = new short[8000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (4000 * Math.sin(2 * Math.PI * 350 * i / 8000.0)
                    + 4000 * Math.sin(2 * Math.PI * 620 * i / 8000.0));
        }
        return s;
    }
}
