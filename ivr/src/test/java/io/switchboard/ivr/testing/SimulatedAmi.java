package io.switchboard.ivr.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asterisk 20's manager interface (AMI) as a test double at the protocol level, speaking as the real one does in the
 * recorded transcripts ({@code asterisk/ami-*.txt}): the banner {@code Asterisk Call Manager/9.0.0}, the MD5 challenge
 * login, {@code FullyBooted}, {@code CoreSettings}, {@code CoreShowChannels} (a list of {@code CoreShowChannel} events
 * and {@code CoreShowChannelsComplete}), {@code Ping}, {@code Logoff}, every response with the action's ActionID;
 * and the events a test raises ({@code Newchannel}, {@code Hangup}). The link can be dropped; the client may connect
 * again at once.
 */
public final class SimulatedAmi implements AutoCloseable {

    private static final String CHALLENGE = "156210979";

    private final ServerSocket server;
    private final String user;
    private final String secret;
    private final Map<String, String> channels = new LinkedHashMap<>();
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger refusedLogins = new AtomicInteger();
    private final AtomicInteger channelLists = new AtomicInteger();
    private final SimulatedAmiCalls calls = new SimulatedAmiCalls(this::broadcast);

    public SimulatedAmi(String user, String secret) throws IOException {
        this.user = user;
        this.secret = secret;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("simulated-ami").start(this::accept);
    }

    /** A simulated AMI for user {@code switchboard} with {@code secret}, for a test class's static field. */
    public static SimulatedAmi forSwitchboard(String secret) {
        try {
            return new SimulatedAmi("switchboard", secret);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Successful logins so far (a reconnect logs in again). */
    public int logins() {
        return logins.get();
    }

    public int refusedLogins() {
        return refusedLogins.get();
    }

    /** How many times a client asked for the channel list. */
    public int channelLists() {
        return channelLists.get();
    }

    /** Devices, originated calls, hang-ups and bridges. */
    public SimulatedAmiCalls calls() {
        return calls;
    }

    /** A channel appears (a caller's call arrives): Newchannel to every logged-in client. */
    public synchronized void newChannel(String uniqueId, String channel) {
        channels.put(uniqueId, channel);
        broadcast("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: " + channel + "\r\nChannelState: 0\r\n"
                + "ChannelStateDesc: Down\r\nCallerIDNum: 5550177\r\nCallerIDName: sipp\r\n"
                + "ConnectedLineNum: <unknown>\r\nConnectedLineName: <unknown>\r\nLanguage: en\r\nAccountCode: \r\n"
                + "Context: from-sip\r\nExten: 100\r\nPriority: 1\r\nUniqueid: " + uniqueId + "\r\nLinkedid: "
                + uniqueId + "\r\n\r\n");
    }

    /** The caller hangs up: Hangup to every logged-in client. */
    public synchronized void hangup(String uniqueId) {
        broadcast(answeredChannelEvent("Hangup", channels.remove(uniqueId), uniqueId, "<unknown>",
                "Cause: 16\r\nCause-txt: Normal Clearing\r\n"));
    }

    /**
     * A caller inside FastAGI hangs up: {@code HangupRequest} at once, as Asterisk 20 sends it (recorded:
     * {@code ami-acd-bridge-caller-hangs-up}); its {@code Hangup} event would come only when the FastAGI socket
     * closes, so it is not sent here.
     */
    public synchronized void hangupRequest(String uniqueId) {
        broadcast(answeredChannelEvent("HangupRequest", channels.remove(uniqueId), uniqueId, "5550177", ""));
    }

    /** An event about the caller's answered channel, in Asterisk 20's fields and order; {@code extra} ends it. */
    private static String answeredChannelEvent(String event, String channel, String uniqueId, String connectedLine,
            String extra) {
        return "Event: " + event + "\r\nPrivilege: call,all\r\nChannel: " + channel + "\r\nChannelState: 6\r\n"
                + "ChannelStateDesc: Up\r\nCallerIDNum: 5550177\r\nCallerIDName: sipp\r\nConnectedLineNum: "
                + connectedLine + "\r\nConnectedLineName: <unknown>\r\nLanguage: en\r\nAccountCode: \r\n"
                + "Context: from-sip\r\nExten: 100\r\nPriority: 2\r\nUniqueid: " + uniqueId + "\r\nLinkedid: "
                + uniqueId + "\r\n" + extra + "\r\n";
    }

    /**
     * The link drops (Asterisk restarted, the network broke), and while it is down the channel {@code uniqueId}
     * hangs up unseen: its Hangup event is never sent.
     */
    public synchronized void dropLinkWhile(String uniqueId) {
        channels.remove(uniqueId);
        for (Client c : clients) {
            c.close();
        }
        clients.clear();
    }

    /** The link drops (Asterisk restarted, the network broke); the channels stay. The client may come back. */
    public synchronized void dropLink() {
        for (Client c : clients) {
            c.close();
        }
        clients.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().name("simulated-ami-client").start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Client client = new Client(socket);
        try {
            client.write("Asterisk Call Manager/9.0.0\r\n");
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            Map<String, String> action = new LinkedHashMap<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        action.put(line.substring(0, colon).toLowerCase(java.util.Locale.ROOT),
                                line.substring(colon + 1).strip());
                    }
                    continue;
                }
                if (!answer(client, action)) {
                    break;
                }
                action = new LinkedHashMap<>();
            }
        } catch (IOException e) {
            // dropped
        } finally {
            clients.remove(client);
            client.close();
        }
    }

    private boolean answer(Client client, Map<String, String> action) throws IOException {
        String id = action.getOrDefault("actionid", "");
        String head = "ActionID: " + id + "\r\n";
        switch (action.getOrDefault("action", "").toLowerCase(java.util.Locale.ROOT)) {
            case "challenge" -> client.write("Response: Success\r\n" + head + "Challenge: " + CHALLENGE + "\r\n\r\n");
            case "login" -> {
                boolean ok = user.equals(action.get("username"))
                        && md5(CHALLENGE + secret).equals(action.getOrDefault("key", ""));
                if (!ok) {
                    refusedLogins.incrementAndGet();
                    client.write("Response: Error\r\n" + head + "Message: Authentication failed\r\n\r\n");
                    return false;
                }
                client.write("Response: Success\r\n" + head + "Message: Authentication accepted\r\n\r\n");
                synchronized (this) {
                    clients.add(client);
                }
                logins.incrementAndGet();
                client.write("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 83\r\nLastReload: 83\r\n"
                        + "Status: Fully Booted\r\n\r\n");
            }
            case "coresettings" -> client.write("Response: Success\r\n" + head + "AMIversion: 9.0.0\r\n"
                    + "AsteriskVersion: 20.20.1\r\nSystemName: \r\nCoreMaxCalls: 0\r\nCoreMaxLoadAvg: 0.000000\r\n"
                    + "CoreRunUser: root\r\nCoreRunGroup: root\r\nCoreMaxFilehandles: 0\r\n"
                    + "CoreRealTimeEnabled: No\r\nCoreCDRenabled: No\r\nCoreHTTPenabled: No\r\n"
                    + "SoundsSearchCustomDir: No\r\n\r\n");
            case "coreshowchannels" -> {
                channelLists.incrementAndGet();
                StringBuilder out = new StringBuilder("Response: Success\r\n" + head
                        + "EventList: start\r\nMessage: Channels will follow\r\n\r\n");
                Map<String, String> now;
                synchronized (this) {
                    now = new LinkedHashMap<>(channels);
                }
                now.forEach((uid, channel) -> out.append("Event: CoreShowChannel\r\n").append(head)
                        .append("Channel: ").append(channel).append("\r\nChannelState: 6\r\nChannelStateDesc: Up\r\n")
                        .append("CallerIDNum: 5550177\r\nCallerIDName: sipp\r\nConnectedLineNum: <unknown>\r\n")
                        .append("ConnectedLineName: <unknown>\r\nLanguage: en\r\nAccountCode: \r\n")
                        .append("Context: from-sip\r\nExten: 100\r\nPriority: 2\r\nUniqueid: ").append(uid)
                        .append("\r\nLinkedid: ").append(uid).append("\r\nApplication: AGI\r\n")
                        .append("ApplicationData: agi://127.0.0.1:4573/100\r\nDuration: 00:00:02\r\nBridgeId: \r\n\r\n"));
                out.append("Event: CoreShowChannelsComplete\r\n").append(head)
                        .append("EventList: Complete\r\nListItems: ").append(now.size()).append("\r\n\r\n");
                client.write(out.toString());
            }
            case "ping" -> client.write("Response: Success\r\n" + head + "Ping: Pong\r\n"
                    + "Timestamp: 1796053133.798545\r\n\r\n");
            case "logoff" -> {
                client.write("Response: Goodbye\r\n" + head + "Message: Thanks for all the fish.\r\n\r\n");
                return false;
            }
            default -> client.write(calls.answer(action.getOrDefault("action", "").toLowerCase(java.util.Locale.ROOT),
                    action, head).orElse("Response: Error\r\n" + head + "Message: Invalid/unknown command\r\n\r\n"));
        }
        return true;
    }

    private synchronized void broadcast(String event) {
        for (Client c : clients) {
            try {
                c.write(event);
            } catch (IOException e) {
                c.close();
            }
        }
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        clients.forEach(Client::close);
    }

    private static final class Client {
        private final Socket socket;
        private final OutputStream out;

        Client(Socket socket) {
            this.socket = socket;
            OutputStream o;
            try {
                o = socket.getOutputStream();
            } catch (IOException e) {
                o = OutputStream.nullOutputStream();
            }
            this.out = o;
        }

        synchronized void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
