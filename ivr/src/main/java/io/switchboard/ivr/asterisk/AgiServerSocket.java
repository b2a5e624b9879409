package io.switchboard.ivr.asterisk;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * The FastAGI listening socket, bound when it is made (so a taken port fails start-up at once) and only to the
 * configured address; each accepted connection is an {@link AgiSocket} with our bounds.
 */
final class AgiServerSocket implements ServerSocketFacade {

    private final ServerSocket server;
    private final AgiLimits limits;

    AgiServerSocket(InetAddress bind, int port, AgiLimits limits) throws IOException {
        this.limits = limits;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bind, port), 1024);
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public SocketConnectionFacade accept() throws IOException {
        while (true) {
            Socket socket = server.accept();
            try {
                return new AgiSocket(socket, limits);
            } catch (IOException e) {
                socket.close(); // gone before we could set it up: wait for the next one
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    @Override
    public void setSocketReadTimeout(int socketReadTimeout) {
        // AgiLimits.readTimeout sets it on each connection
    }
}
