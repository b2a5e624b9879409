package io.switchboard.ivr.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asterisk 20 running {@code AGI(agi://127.0.0.1:PORT/SCRIPT)} for one caller, as a test double at the protocol
 * level: it sends the environment block recorded from a real Asterisk 20.20.1 ({@code asterisk/agi-session-*.txt},
 * with this caller's script, number and unique id), then answers each command with the reply lines Asterisk sends
 * (the same transcripts): prompts play to their end or stop at a key the caller presses, {@code WAIT FOR DIGIT}
 * times out with {@code 200 result=0}, a caller who hangs up during a prompt gets {@code 200 result=-1 endpos=…},
 * then {@code HANGUP}, then {@code 511 …} for every command but {@code SET VARIABLE}.
 */
public final class SimulatedAgiSession implements AutoCloseable {

    /** How Asterisk tells a FastAGI server that the caller hung up. */
    public enum HangupStyle {
        /** A {@code HANGUP} line, then {@code 511} (Asterisk's default, {@code AGISIGHUP=yes}). */
        HANGUP_LINE,
        /** Only {@code 511} replies ({@code AGISIGHUP=no}). */
        ONLY_511
    }

    private static final AsteriskTranscript SESSION = AsteriskTranscript.load("agi-session-20.20.1.txt");
    private static final String DEAD = SESSION.reply("511 ");
    private static final Pattern STREAM = Pattern.compile("STREAM FILE \"?([^\" ]+)\"? \"([^\"]*)\"( -?\\d+)?");
    private static final Pattern RECORD = Pattern.compile("RECORD FILE \"?([^\" ]+)\"? .*");

    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final Deque<String[]> pressDuring;
    private final Deque<Character> typed;
    private final String hangUpDuring;
    private final HangupStyle style;
    private final Set<String> missing;
    private final boolean fragmented;
    private final Character recordKey;
    private final String stallAt;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private boolean dead;
    private boolean hangupLinePending;
    private final SimulatedDialplan dialplan;

    private SimulatedAgiSession(Builder b) throws IOException {
        this.socket = new Socket("127.0.0.1", b.port);
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.pressDuring = new ArrayDeque<>(b.pressDuring);
        this.typed = new ArrayDeque<>(b.typed);
        this.hangUpDuring = b.hangUpDuring;
        this.style = b.style;
        this.missing = Set.copyOf(b.missing);
        this.fragmented = b.fragmented;
        this.recordKey = b.recordKey;
        this.stallAt = b.stallAt;
        this.dialplan = new SimulatedDialplan(b.ami, b.uniqueId, b.dialStatus,
                b.style == HangupStyle.HANGUP_LINE ? "HANGUP\n" : "", socket::isClosed);
        StringBuilder env = new StringBuilder();
        for (String line : SESSION.environment()) {
            env.append(environmentLine(line, b));
        }
        send(env.toString());
        Thread.ofVirtual().name("simulated-asterisk").start(this::run);
    }

    /** A session to the FastAGI server on 127.0.0.1:{@code port}. */
    public static Builder to(int port) {
        return new Builder(port);
    }

    private static String environmentLine(String line, Builder b) {
        String key = line.contains(":") ? line.substring(0, line.indexOf(':')) : "";
        return switch (key) {
            case "agi_network_script" -> key + ": " + b.script + "\n";
            case "agi_request" -> key + ": agi://127.0.0.1:" + b.port + "/" + b.script + "\n";
            case "agi_callerid" -> key + ": " + b.callerId + "\n";
            case "agi_uniqueid" -> key + ": " + b.uniqueId + "\n";
            case "agi_language" -> key + ": " + b.language + "\n";
            case "agi_dnid", "agi_extension" -> key + ": " + b.extension + "\n";
            default -> line;
        };
    }

    private void run() {
        try {
            String command;
            while ((command = in.readLine()) != null) {
                commands.add(command);
                Matcher playing = STREAM.matcher(command);
                if (stallAt != null && playing.matches() && playing.group(1).equals(stallAt)) {
                    heard.add(stallAt);
                    continue; // Asterisk plays on and says nothing until the test drops the connection
                }
                String reply = answer(command);
                if (hangupLinePending) {
                    hangupLinePending = false;
                    reply = "HANGUP\n" + reply;
                }
                send(reply);
            }
        } catch (IOException e) {
            // the server closed the session
        } finally {
            done.complete(null);
        }
    }

    private String answer(String command) {
        if (dead) {
            return dialplan.answerDead(command)
                    .orElse(command.startsWith("SET VARIABLE") ? "200 result=1\n" : DEAD);
        }
        Matcher stream = STREAM.matcher(command);
        if (stream.matches()) {
            return play(stream.group(1), stream.group(2));
        }
        if (command.startsWith("WAIT FOR DIGIT")) {
            Character key = typed.poll();
            if (key == null && dialplan.musicOn()) { // Asterisk really waits while the music plays
                pause(Math.min(250, Long.parseLong(command.substring("WAIT FOR DIGIT ".length()).strip())));
            }
            return key == null ? "200 result=0\n" : "200 result=" + (int) key + "\n";
        }
        Optional<SimulatedDialplan.Reply> app = dialplan.answer(command);
        if (app.isPresent()) {
            dead |= app.get().hungUp();
            return app.get().text();
        }
        if (command.equals("ANSWER")) {
            return "200 result=0\n";
        }
        if (command.equals("HANGUP")) {
            dead = true;
            hangupLinePending = style == HangupStyle.HANGUP_LINE;
            return "200 result=1\n";
        }
        if (command.startsWith("SET VARIABLE")) {
            return "200 result=1\n";
        }
        if (command.startsWith("CHANNEL STATUS")) {
            return "200 result=6\n";
        }
        if (RECORD.matcher(command).matches()) {
            return recordKey == null ? "200 result=0 (timeout) endpos=0\n"
                    : "200 result=" + (int) recordKey.charValue() + " (dtmf) endpos=24000\n";
        }
        return SESSION.reply("510 ");
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The unique id of the channel the caller was bridged to, once they were. */
    public CompletableFuture<String> bridgedTo() {
        return dialplan.bridgedTo();
    }

    /** The caller hangs up while bridged to an agent. */
    public void hangUpInBridge() {
        dialplan.leaveBridge();
    }

    private String play(String prompt, String escape) {
        heard.add(prompt);
        if (prompt.equals(hangUpDuring)) {
            dead = true;
            return "200 result=-1 endpos=4000\n" + (style == HangupStyle.HANGUP_LINE ? "HANGUP\n" : "");
        }
        if (missing.contains(prompt)) {
            return "200 result=-1 endpos=0\n";
        }
        String[] next = pressDuring.peek();
        if (next != null && next[0].equals(prompt)) {
            pressDuring.poll();
            char key = next[1].charAt(0);
            if (escape.indexOf(key) >= 0) {
                return "200 result=" + (int) key + " endpos=9280\n";
            }
            // Asterisk drops a key that may not interrupt the prompt
        }
        return "200 result=0 endpos=16000\n";
    }

    private synchronized void send(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!fragmented) {
            out.write(bytes);
            out.flush();
            return;
        }
        for (int i = 0; i < bytes.length; i += 3) {
            out.write(bytes, i, Math.min(3, bytes.length - i));
            out.flush();
        }
    }

    /** Writes raw bytes as if Asterisk sent them (garbage, a half line). */
    public void sendRaw(byte[] bytes) throws IOException {
        synchronized (this) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Waits until the server has closed the session; false when {@code timeout} passed first. */
    public boolean awaitClosed(Duration timeout) {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Every command the server sent, in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** The prompts the server asked Asterisk to play, in order. */
    public List<String> heard() {
        return List.copyOf(heard);
    }

    /** Drops the connection as a crashed Asterisk would. */
    @Override
    public void close() throws IOException {
        socket.close();
        dialplan.leaveBridge();
    }

    /** What the caller does and how Asterisk is set up. */
    public static final class Builder {
        private final int port;
        private String script = "100";
        private String callerId = "5550177";
        private String uniqueId = "1796053077.0";
        private String language = "en";
        private String extension = "100";
        private final List<String[]> pressDuring = new ArrayList<>();
        private final List<Character> typed = new ArrayList<>();
        private String hangUpDuring;
        private HangupStyle style = HangupStyle.HANGUP_LINE;
        private final List<String> missing = new ArrayList<>();
        private boolean fragmented;
        private Character recordKey;
        private String stallAt;
        private SimulatedAmi ami;
        private String dialStatus = "ANSWER";

        private Builder(int port) {
            this.port = port;
        }

        /** What the AGI URL names after the port (a flow id or a number); default {@code 100}. */
        public Builder script(String script) {
            this.script = script;
            return this;
        }

        public Builder callerId(String callerId) {
            this.callerId = callerId;
            return this;
        }

        public Builder uniqueId(String uniqueId) {
            this.uniqueId = uniqueId;
            return this;
        }

        public Builder language(String language) {
            this.language = language;
            return this;
        }

        public Builder extension(String extension) {
            this.extension = extension;
            return this;
        }

        /** The caller presses {@code key} while {@code prompt} plays (it stops the prompt if it may). */
        public Builder pressDuring(String prompt, char key) {
            pressDuring.add(new String[] {prompt, String.valueOf(key)});
            return this;
        }

        /** The caller presses {@code key} when next waited for ({@code WAIT FOR DIGIT}). */
        public Builder pressWhenWaited(char key) {
            typed.add(key);
            return this;
        }

        /** The caller hangs up while {@code prompt} plays. */
        public Builder hangUpDuring(String prompt, HangupStyle style) {
            this.hangUpDuring = prompt;
            this.style = style;
            return this;
        }

        /** Asterisk has no sound file called {@code prompt}. */
        public Builder missing(String prompt) {
            missing.add(prompt);
            return this;
        }

        /** Every write of Asterisk's arrives in segments of three bytes. */
        public Builder fragmented() {
            this.fragmented = true;
            return this;
        }

        /** The caller ends a recording with {@code key}. */
        public Builder endRecordingWith(char key) {
            this.recordKey = key;
            return this;
        }

        /** Asterisk never answers the command that plays {@code prompt} (the test then drops the link). */
        public Builder stallAt(String prompt) {
            this.stallAt = prompt;
            return this;
        }

        /**
         * How a {@code Dial} the server asks for ends ({@code DIALSTATUS}: ANSWER, BUSY, NOANSWER, CHANUNAVAIL…;
         * {@code HANGUP}: the caller hangs up while it rings).
         */
        public Builder dialStatus(String status) {
            this.dialStatus = status;
            return this;
        }

        /** The simulated AMI of the same Asterisk: bridges and hang-ups show there. */
        public Builder ami(SimulatedAmi ami) {
            this.ami = ami;
            return this;
        }

        public SimulatedAgiSession start() throws IOException {
            return new SimulatedAgiSession(this);
        }
    }
}
