package io.switchboard.speech;

/** Audio that Switchboard cannot use, with the file and what was found in it. */
public final class AudioFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public AudioFormatException(String message) {
        super(message);
    }
}
