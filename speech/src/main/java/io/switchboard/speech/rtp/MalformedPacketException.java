package io.switchboard.speech.rtp;

/** A datagram that is not a valid packet of the expected kind; the message says why. */
public final class MalformedPacketException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message);
    }
}
