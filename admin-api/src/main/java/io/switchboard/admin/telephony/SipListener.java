package io.switchboard.admin.telephony;

/**
 * The server's SIP listener as the rest of admin-api sees it (health, shutdown, tests), whatever implements it.
 */
public interface SipListener extends AutoCloseable {

    /** Whether SIP requests are being received. */
    boolean isListening();

    /** Where it listens, for example {@code udp 127.0.0.1:5060}. */
    String address();

    /** Stops listening; safe to call twice. */
    @Override
    void close();
}
