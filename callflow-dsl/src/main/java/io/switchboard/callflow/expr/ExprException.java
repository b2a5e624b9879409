package io.switchboard.callflow.expr;

/** An expression that cannot be parsed or evaluated; {@link #offset()} is where in its text, 0-based (-1: unknown). */
public final class ExprException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    public ExprException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
