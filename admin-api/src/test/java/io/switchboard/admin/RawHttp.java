package io.switchboard.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 written by hand over a socket, for what an HTTP client library will not send: control characters and
 * encoded slashes in paths, bodies that lie about their length, and requests from another loopback address
 * (127.0.0.2), so that a test's failed logins do not hold up the other tests.
 */
final class RawHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The status of an HTTP/0.9 answer, which has none. */
    static final int HTTP_09 = 9;

    private RawHttp() {}

    /** A parsed answer. */
    record Answer(int status, List<String> headers, String body) {

        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip()).findFirst().orElse(null);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        boolean isProblem() {
            String type = header("Content-Type");
            return type != null && type.startsWith("application/problem+json") && json().get("status") != null
                    && json().get("status").intValue() == status;
        }
    }

    /** Sends {@code head} (the request line and headers, without the blank line) and {@code body}, from 127.0.0.1. */
    static Answer exchange(int port, String head, byte[] body) {
        return exchange(port, "127.0.0.1", head, body);
    }

    /** As {@link #exchange(int, String, byte[])}, from {@code localAddress}. */
    static Answer exchange(int port, String localAddress, String head, byte[] body) {
        try (Socket socket = open(port, localAddress)) {
            socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                socket.getOutputStream().write(body);
            }
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Socket open(int port, String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Reads one answer: status line, headers, and a body by Content-Length, chunks, or until the end. */
    static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the server closed the connection without an answer");
        }
        if (!statusLine.startsWith("HTTP/")) {
            // an HTTP/0.9 answer (to a request line without a version): the body alone, no status line or headers
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            rest.writeBytes((statusLine + "\n").getBytes(StandardCharsets.ISO_8859_1));
            in.transferTo(rest);
            return new Answer(HTTP_09, List.of(), rest.toString(StandardCharsets.UTF_8).strip());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<String> headers = new ArrayList<>();
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            headers.add(h);
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0;
                    size = Integer.parseInt(line(in).strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        } else {
            try {
                in.transferTo(body);
            } catch (SocketTimeoutException e) {
                // no length and no close: what came is the body
            }
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
