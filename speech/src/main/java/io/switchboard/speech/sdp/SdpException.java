package io.switchboard.speech.sdp;

/** A session description that cannot be used; the message names the line and why. */
public final class SdpException extends Exception {

    private static final long serialVersionUID = 1L;

    public SdpException(String message) {
        super(message);
    }
}
