package io.switchboard.ivr.report;

/** A report would have more rows than {@link Reports#MAX_ROWS}: the caller should ask for a coarser interval. */
public final class ReportTooLargeException extends RuntimeException {

    public ReportTooLargeException(String message) {
        super(message);
    }
}
