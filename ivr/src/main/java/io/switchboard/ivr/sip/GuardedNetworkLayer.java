package io.switchboard.ivr.sip;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN-SIP's network layer for our stacks (property {@code gov.nist.javax.sip.NETWORK_LAYER}): the listening UDP
 * socket is a {@link GuardedSipSocket}; everything else is the stack's default. JAIN-SIP builds this class by name
 * with no arguments, so the endpoint registers its guard under its stack name first.
 */
public final class GuardedNetworkLayer implements NetworkLayer {

    private static final Map<String, SipDatagramGuard> GUARDS = new ConcurrentHashMap<>();

    private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;
    private volatile SipDatagramGuard guard;

    /** Built by JAIN-SIP. */
    public GuardedNetworkLayer() {}

    static void register(String stackName, SipDatagramGuard guard) {
        GUARDS.put(stackName, guard);
    }

    static void unregister(String stackName) {
        GUARDS.remove(stackName);
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        plain.setSipStack(stack);
        guard = GUARDS.get(stack.getStackName());
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws SocketException {
        SipDatagramGuard g = guard;
        return g == null ? plain.createDatagramSocket(port, laddr) : new GuardedSipSocket(laddr, port, g);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return plain.createDatagramSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return plain.createServerSocket(port, backlog, bindAddress);
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return plain.createSSLServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return plain.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return plain.createSocket(address, port, myAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return plain.createSocket(address, port, myAddress, myPort);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return plain.createSSLSocket(address, port);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return plain.createSSLSocket(address, port, myAddress);
    }
}
