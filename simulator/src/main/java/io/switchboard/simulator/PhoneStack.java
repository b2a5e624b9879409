package io.switchboard.simulator;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * A simulated phone's JAIN-SIP stack on a free UDP port of one address (the RI takes no port 0, so one is chosen and
 * retried when taken meanwhile), with the factories that build its messages.
 */
final class PhoneStack implements AutoCloseable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    final SipStack stack;
    final SipProvider provider;
    final MessageFactory messages;
    final HeaderFactory headers;
    final AddressFactory addresses;
    final int port;

    PhoneStack(String name, String address, SipListener listener) throws IOException {
        Properties props = new Properties();
        props.setProperty("javax.sip.STACK_NAME", name + "-" + ProcessHandle.current().pid() + "-"
                + INSTANCES.incrementAndGet());
        props.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        props.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(props);
            messages = factory.createMessageFactory();
            headers = factory.createHeaderFactory();
            addresses = factory.createAddressFactory();
            ListeningPoint lp = null;
            IOException last = new IOException("no free SIP port on " + address);
            int chosen = 0;
            for (int attempt = 0; attempt < 20 && lp == null; attempt++) {
                chosen = freeUdpPort(address);
                try {
                    lp = stack.createListeningPoint(address, chosen, ListeningPoint.UDP);
                } catch (javax.sip.InvalidArgumentException e) {
                    last = new IOException(e.getMessage(), e); // taken meanwhile: try another
                }
            }
            if (lp == null) {
                throw last;
            }
            port = chosen;
            provider = stack.createSipProvider(lp);
            provider.addSipListener(listener);
            stack.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot start a simulated phone's SIP stack: " + e.getMessage(), e);
        }
    }

    /** Stops listening; {@code listener} hears nothing more. */
    void close(SipListener listener) {
        stopAside(() -> {
            try {
                provider.removeSipListener(listener);
                for (ListeningPoint lp : provider.getListeningPoints()) {
                    stack.deleteSipProvider(provider);
                    stack.deleteListeningPoint(lp);
                }
            } catch (Exception e) {
                // closing anyway
            }
            stack.stop();
        });
    }

    @Override
    public void close() {
        stopAside(stack::stop);
    }

    /**
     * Runs {@code stopping} on a thread of its own and waits a quarter second: JAIN-SIP closes the sockets at once,
     * then sleeps a second for its timers (in stop(), and when the last provider goes); tests close many phones.
     */
    private static void stopAside(Runnable stopping) {
        Thread stopper = Thread.ofPlatform().daemon(true).name("sim-stack-stop").start(stopping);
        try {
            stopper.join(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freeUdpPort(String address) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0))) {
            return s.getLocalPort();
        }
    }
}
