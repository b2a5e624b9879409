package io.switchboard.ivr.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The part of the simulated AMI that places calls, as Asterisk 20.20.1 does in the recordings ({@code ami-acd-*}):
 * device states ({@code DeviceStateChange} events, {@code Getvar DEVICE_STATE(...)}), {@code Originate} with
 * {@code Async} (the
 * immediate {@code Originate successfully queued}, then {@code Newchannel}, and the {@code OriginateResponse} with the
 * action's ActionID: reason 4 answered, 3 not answered within the Timeout, 5 busy), {@code Hangup} by name or unique
 * id ({@code Channel Hungup} or {@code No such channel}) and the bridges a FastAGI caller's {@code Bridge} makes.
 */
public final class SimulatedAmiCalls {

    /** How an agent's phone takes an Originate. */
    public enum Answer {
        /** Answers after a moment. */
        ANSWER,
        /** Rings for the whole Timeout. */
        NO_ANSWER,
        /** Answers 486 Busy Here. */
        BUSY,
        /** Rings until it is hung up (AMI Hangup). */
        RING
    }

    /** An originated channel. */
    public record Originated(String uniqueId, String device, String callerId, Map<String, String> action,
            CompletableFuture<Void> hungUp) {}

    private final Consumer<String> broadcast;
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Originated> channels = new ConcurrentHashMap<>();
    private final List<Originated> originated = new CopyOnWriteArrayList<>();
    private final List<String> hangups = new CopyOnWriteArrayList<>();
    private final List<List<String>> bridged = new CopyOnWriteArrayList<>();
    private final AtomicInteger seq = new AtomicInteger();

    SimulatedAmiCalls(Consumer<String> broadcast) {
        this.broadcast = broadcast;
    }

    /** Sets a device's state ({@code NOT_INUSE}, {@code UNAVAILABLE}, {@code INUSE}…) and tells the clients. */
    public void deviceState(String device, String state) {
        states.put(device, state);
        broadcast.accept("Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: " + device + "\r\nState: "
                + state + "\r\n\r\n");
    }

    /** How {@code device} takes the calls originated to it from now on (default {@link Answer#ANSWER}). */
    public void answers(String device, Answer answer) {
        answers.put(device, answer);
    }

    /** Every Originate so far, in order. */
    public List<Originated> originated() {
        return List.copyOf(originated);
    }

    /** The {@code Channel} of every Hangup action so far. */
    public List<String> hangups() {
        return List.copyOf(hangups);
    }

    /** The pairs of channels AMI's Bridge action joined ({@code Channel1}, {@code Channel2}). */
    public List<List<String>> bridged() {
        return List.copyOf(bridged);
    }

    /** The agent puts the phone down: Hangup event for the originated channel (its bridge ends with it). */
    public void hangUp(String uniqueId) {
        Originated o = channels.remove(uniqueId);
        if (o != null) {
            broadcast.accept(hangupEvent(o, 16, "Normal Clearing"));
            released(o);
        }
    }

    /** The channel is gone: its device is free again when it was before the call. */
    private void released(Originated o) {
        o.hungUp().complete(null);
        if ("INUSE".equals(states.get(o.device()))) {
            deviceState(o.device(), "NOT_INUSE");
        }
    }

    /** The originated channel {@code uniqueId} when it exists now. */
    public Optional<Originated> channel(String uniqueId) {
        return Optional.ofNullable(channels.get(uniqueId));
    }

    /** Answers an action this part knows; empty for the others. */
    Optional<String> answer(String name, Map<String, String> action, String head) {
        return switch (name) {
            case "getvar" -> Optional.of(getvar(action, head));
            case "originate" -> Optional.of(originate(action, head));
            case "hangup" -> Optional.of(hangup(action, head));
            case "bridge" -> Optional.of(bridgeAction(action, head));
            default -> Optional.empty();
        };
    }

    private String getvar(Map<String, String> action, String head) {
        String variable = action.getOrDefault("variable", "");
        String value = "";
        if (variable.startsWith("DEVICE_STATE(") && variable.endsWith(")")) {
            value = states.getOrDefault(variable.substring(13, variable.length() - 1), "INVALID");
        }
        return "Response: Success\r\n" + head + "Variable: " + variable + "\r\nValue: " + value + "\r\n\r\n";
    }

    private String originate(Map<String, String> action, String head) {
        String device = action.getOrDefault("channel", "");
        String id = action.getOrDefault("channelid", "");
        String name = device + "-" + String.format("%08x", seq.incrementAndGet());
        Originated o = new Originated(id, device, action.getOrDefault("callerid", ""), Map.copyOf(action),
                new CompletableFuture<>());
        originated.add(o);
        Answer answer = answers.getOrDefault(device, Answer.ANSWER);
        long timeout = Long.parseLong(action.getOrDefault("timeout", "30000"));
        String actionId = head;
        Thread.ofVirtual().name("simulated-originate").start(() -> {
            channels.put(id, o);
            broadcast.accept("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: " + name + "\r\nChannelState: 0"
                    + "\r\nChannelStateDesc: Down\r\nCallerIDNum: <unknown>"
                    + "\r\nCallerIDName: <unknown>\r\nConnectedLineNum: <unknown>\r\nConnectedLineName: <unknown>"
                    + "\r\nLanguage: en\r\nAccountCode: \r\nContext: agents\r\nExten: s\r\nPriority: 1\r\n"
                    + "Uniqueid: " + id + "\r\nLinkedid: " + id + "\r\n\r\n");
            int reason;
            switch (answer) {
                case ANSWER -> {
                    pause(50);
                    reason = 4;
                    if ("NOT_INUSE".equals(states.get(device))) {
                        deviceState(device, "INUSE");
                    }
                }
                case BUSY -> reason = 5;
                case NO_ANSWER -> {
                    pause(timeout);
                    reason = 3;
                }
                default -> {
                    o.hungUp().join();
                    reason = 0;
                }
            }
            if (reason != 4 && channels.remove(id) != null) {
                broadcast.accept(hangupEvent(o, reason == 5 ? 17 : 19, reason == 5 ? "User busy"
                        : "No user responding"));
                o.hungUp().complete(null);
            }
            // as recorded (ami-acd-originate-*): the channel's name when answered, the dial string otherwise
            broadcast.accept("Event: OriginateResponse\r\nPrivilege: call,all\r\n" + actionId + "Response: "
                    + (reason == 4 ? "Success" : "Failure") + "\r\nChannel: " + (reason == 4 ? name : device)
                    + "\r\nApplication: "
                    + action.getOrDefault("application", "") + "\r\nData: " + action.getOrDefault("data", "")
                    + "\r\nReason: " + reason + "\r\nUniqueid: " + id + "\r\nCallerIDNum: "
                    + action.getOrDefault("callerid", "<unknown>") + "\r\nCallerIDName: <unknown>\r\n\r\n");
        });
        return "Response: Success\r\n" + head + "Message: Originate successfully queued\r\n\r\n";
    }

    private String hangup(Map<String, String> action, String head) {
        String channel = action.getOrDefault("channel", "");
        hangups.add(channel);
        Originated o = channels.remove(channel);
        if (o == null) {
            return "Response: Error\r\n" + head + "Message: No such channel\r\n\r\n";
        }
        broadcast.accept(hangupEvent(o, 16, "Normal Clearing"));
        released(o);
        return "Response: Success\r\n" + head + "Message: Channel Hungup\r\n\r\n";
    }

    /** AMI {@code Bridge}: both channels must exist; they are joined in a new bridge. */
    private String bridgeAction(Map<String, String> action, String head) {
        String one = action.getOrDefault("channel1", "");
        String two = action.getOrDefault("channel2", "");
        for (String[] c : new String[][] {{"Channel1", one}, {"Channel2", two}}) {
            if (!channels.containsKey(c[1])) {
                return "Response: Error\r\n" + head + "Message: " + c[0] + " does not exist: " + c[1] + "\r\n\r\n";
            }
        }
        bridged.add(List.of(one, two));
        announceBridge("bridge-" + one, one, two);
        return "Response: Success\r\n" + head + "Message: Channels have been bridged\r\n\r\n";
    }

    /** A FastAGI caller's {@code Bridge} joined {@code callerId} and {@code target}: BridgeEnter for both. */
    boolean bridge(String bridgeId, String callerUniqueId, String target) {
        if (!channels.containsKey(target)) {
            return false;
        }
        announceBridge(bridgeId, target, callerUniqueId);
        return true;
    }

    /** BridgeCreate, then BridgeEnter for each channel. */
    private void announceBridge(String bridgeId, String... members) {
        broadcast.accept("Event: BridgeCreate\r\nPrivilege: call,all\r\nBridgeUniqueid: " + bridgeId
                + "\r\nBridgeType: basic\r\nBridgeTechnology: simple_bridge\r\nBridgeCreator: <unknown>\r\n"
                + "BridgeName: <unknown>\r\nBridgeNumChannels: 0\r\nBridgeVideoSourceMode: none\r\n\r\n");
        for (String uid : members) {
            broadcast.accept("Event: BridgeEnter\r\nPrivilege: call,all\r\nBridgeUniqueid: " + bridgeId
                    + "\r\nBridgeType: basic\r\nBridgeTechnology: simple_bridge\r\nBridgeCreator: <unknown>\r\n"
                    + "BridgeName: <unknown>\r\nBridgeNumChannels: 2\r\nBridgeVideoSourceMode: none\r\n"
                    + "Uniqueid: " + uid + "\r\n\r\n");
        }
    }

    private static String hangupEvent(Originated o, int cause, String text) {
        return "Event: Hangup\r\nPrivilege: call,all\r\nChannel: " + o.device() + "-00000001\r\nChannelState: 6\r\n"
                + "ChannelStateDesc: Up\r\nLanguage: en\r\nUniqueid: " + o.uniqueId() + "\r\nLinkedid: "
                + o.uniqueId() + "\r\nCause: " + cause + "\r\nCause-txt: " + text + "\r\n\r\n";
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
