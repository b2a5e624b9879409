package io.switchboard.ivr.testing;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Asterisk applications a {@link SimulatedAgiSession}'s channel runs for the server, as the recordings of Asterisk
 * 20.20.1 show them ({@code agi-acd-*}): music on hold ({@code SET MUSIC ON/OFF}), {@code Bridge()} to a channel the
 * simulated AMI originated, {@code Dial()}, and the variables they leave ({@code BRIDGERESULT}, {@code DIALSTATUS}).
 */
final class SimulatedDialplan {

    /** A reply, and whether the caller's channel is gone after it. */
    record Reply(String text, boolean hungUp) {}

    private static final Pattern DIAL = Pattern.compile("EXEC \"?Dial\"? \"?([^\",]+)(,[^\"]*)?\"?");
    private static final Pattern BRIDGE = Pattern.compile("EXEC \"?Bridge\"? \"?([^\",]+)(,[^\"]*)?\"?");

    private final SimulatedAmi ami;
    private final String uniqueId;
    private final String dialStatus;
    private final String hangupLine;
    private final BooleanSupplier linkDown;
    private final CompletableFuture<Void> leaveBridge = new CompletableFuture<>();
    private final CompletableFuture<String> bridgedTo = new CompletableFuture<>();
    private volatile boolean music;
    private String bridgeResult;
    private String dialed;

    /**
     * @param hangupLine what follows a reply when the caller hangs up ({@code HANGUP\n}, or nothing)
     * @param linkDown   whether Asterisk has died (the session's connection is closed)
     */
    SimulatedDialplan(SimulatedAmi ami, String uniqueId, String dialStatus, String hangupLine,
            BooleanSupplier linkDown) {
        this.ami = ami;
        this.uniqueId = uniqueId;
        this.dialStatus = dialStatus;
        this.hangupLine = hangupLine;
        this.linkDown = linkDown;
    }

    boolean musicOn() {
        return music;
    }

    CompletableFuture<String> bridgedTo() {
        return bridgedTo;
    }

    /** The caller hangs up while bridged (or Asterisk dies). */
    void leaveBridge() {
        leaveBridge.complete(null);
    }

    /** Answers a command these applications take, on a live channel; empty for the others. */
    Optional<Reply> answer(String command) {
        if (command.startsWith("SET MUSIC")) {
            music = command.startsWith("SET MUSIC ON");
            return Optional.of(new Reply("200 result=0\n", false));
        }
        Matcher bridge = BRIDGE.matcher(command);
        if (bridge.matches()) {
            return Optional.of(bridge(bridge.group(1)));
        }
        if (DIAL.matcher(command).matches()) {
            dialed = dialStatus;
            if ("HANGUP".equals(dialStatus)) { // the caller hangs up while it rings
                return Optional.of(new Reply("200 result=-1\n" + hangupLine, true));
            }
            return Optional.of(new Reply("ANSWER".equals(dialStatus) ? "200 result=-1\n" : "200 result=0\n", false));
        }
        if (isGet(command, "BRIDGERESULT")) {
            return Optional.of(new Reply(variable(bridgeResult), false));
        }
        return answerDead(command).map(text -> new Reply(text, false));
    }

    /** What a dead channel still answers: the variables Dial left ({@code GET VARIABLE} works there). */
    Optional<String> answerDead(String command) {
        if (isGet(command, "DIALSTATUS")) {
            return Optional.of(variable("HANGUP".equals(dialed) ? "CANCEL" : dialed));
        }
        return Optional.empty();
    }

    /**
     * {@code Bridge(target,x)}: BridgeEnter for both channels, then waits until the target hangs up (the caller's
     * AGI goes on) or the caller hangs up in the bridge (the target is hung up too, by {@code x}); either way it
     * answers {@code 200 result=0}, as recorded. A target that does not exist returns at once with
     * {@code BRIDGERESULT=NONEXISTENT}.
     */
    private Reply bridge(String target) {
        music = false;
        if (ami == null || !ami.calls().bridge("bridge-" + uniqueId, uniqueId, target)) {
            bridgeResult = "NONEXISTENT";
            return new Reply("200 result=0\n", false);
        }
        bridgedTo.complete(target);
        var agentGone = ami.calls().channel(target).map(SimulatedAmiCalls.Originated::hungUp)
                .orElse(CompletableFuture.completedFuture(null));
        CompletableFuture.anyOf(agentGone, leaveBridge).join();
        bridgeResult = "SUCCESS";
        if (agentGone.isDone()) {
            return new Reply("200 result=0\n", false);
        }
        if (linkDown.getAsBoolean()) {
            return new Reply("", true); // Asterisk died: nothing more is said on any link
        }
        ami.hangupRequest(uniqueId);
        ami.calls().hangUp(target); // Bridge's x option
        // as recorded (agi-acd-bridge-caller-hangs-up): Bridge returns 0 even so, then HANGUP, then 511
        return new Reply("200 result=0\n" + hangupLine, true);
    }

    private static boolean isGet(String command, String variable) {
        return command.equals("GET VARIABLE " + variable) || command.equals("GET VARIABLE \"" + variable + "\"");
    }

    private static String variable(String value) {
        return value == null ? "200 result=0\n" : "200 result=1 (" + value + ")\n";
    }
}
