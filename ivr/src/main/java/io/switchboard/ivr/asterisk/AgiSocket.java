package io.switchboard.ivr.asterisk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * One FastAGI connection as Asterisk-Java reads and writes it, with our bounds: lines end at {@code \n} (a
 * {@code \r} before it is dropped), however the bytes are split into segments; a line longer than
 * {@link AgiLimits#maxLineLength()} or more than {@link AgiLimits#maxLinesPerTurn()} lines between two commands end
 * the session with an {@link IOException}, which Asterisk-Java turns into the end of the script.
 *
 * <p>It also tells the call what only the wire knows: a {@code HANGUP} line (Asterisk's word that the channel hung
 * up), and whether the connection was lost rather than ended by Asterisk.
 */
final class AgiSocket implements SocketConnectionFacade {

    /** Told when Asterisk sends {@code HANGUP}; set once the session's call exists. */
    interface HangupListener {
        void hungUp();
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final AgiLimits limits;
    private final byte[] buffer = new byte[4096];
    private int start;
    private int end;
    private int linesThisTurn;
    private volatile HangupListener hangupListener = () -> { };
    private volatile boolean hangupSeen;
    private volatile boolean lost;

    AgiSocket(Socket socket, AgiLimits limits) throws IOException {
        this.socket = socket;
        this.limits = limits;
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limits.readTimeout().toMillis()));
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    void onHangup(HangupListener listener) {
        this.hangupListener = listener;
        if (hangupSeen) {
            listener.hungUp();
        }
    }

    /** Whether Asterisk has said {@code HANGUP}. */
    boolean hangupSeen() {
        return hangupSeen;
    }

    /** Whether the connection broke (end of stream, a read error, a bound exceeded) rather than being closed by us. */
    boolean lost() {
        return lost;
    }

    @Override
    public String readLine() throws IOException {
        if (++linesThisTurn > limits.maxLinesPerTurn()) {
            throw lose("more than " + limits.maxLinesPerTurn() + " lines without a command");
        }
        ByteArrayOutputStream line = null;
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    String text = take(line, i);
                    start = i + 1;
                    if (text.equals("HANGUP")) {
                        hangupSeen = true;
                        hangupListener.hungUp();
                    }
                    return text;
                }
            }
            int pending = end - start;
            if ((line == null ? 0 : line.size()) + pending > limits.maxLineLength()) {
                throw lose("a line longer than " + limits.maxLineLength() + " bytes");
            }
            if (pending > 0) {
                if (line == null) {
                    line = new ByteArrayOutputStream(Math.min(limits.maxLineLength(), 2 * pending + 64));
                }
                line.write(buffer, start, pending);
            }
            start = 0;
            end = 0;
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                lost = true;
                throw e;
            }
            if (n < 0) {
                lost = true;
                return null; // Asterisk-Java reads the end of the stream as a hang-up
            }
            end = n;
        }
    }

    private String take(ByteArrayOutputStream head, int newline) throws IOException {
        int stop = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
        int length = (head == null ? 0 : head.size()) + (stop - start);
        if (length > limits.maxLineLength()) {
            throw lose("a line longer than " + limits.maxLineLength() + " bytes");
        }
        if (head == null) {
            return new String(buffer, start, stop - start, StandardCharsets.UTF_8);
        }
        head.write(buffer, start, stop - start);
        byte[] bytes = head.toByteArray();
        int size = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    private IOException lose(String why) {
        lost = true;
        return new IOException("FastAGI session from " + socket.getRemoteSocketAddress() + " sent " + why);
    }

    @Override
    public void write(String s) throws IOException {
        linesThisTurn = 0;
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected() && !socket.isClosed();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getPort();
    }
}
