package io.switchboard.ivr.store;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** The call store could not read or write; {@link #isTransient()} says whether trying again may help. */
public final class CallStoreException extends RuntimeException {

    private final boolean transientFailure;

    public CallStoreException(String message, SQLException cause) {
        super(message + ": " + firstLine(reason(cause).getMessage()), cause);
        this.transientFailure = isTransient(reason(cause));
    }

    /**
     * True when the database was unreachable, restarting, short of resources or resolved a conflict by aborting us:
     * the same write may succeed later. False when the write itself is wrong (a constraint, a bad value).
     */
    public boolean isTransient() {
        return transientFailure;
    }

    /** A failed batch hides the statement's own failure behind a message quoting the whole batch. */
    private static SQLException reason(SQLException e) {
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            return e.getNextException();
        }
        return e;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("08")           // connection exception
                || state.startsWith("53")       // insufficient resources
                || state.startsWith("57P")      // admin shutdown, crash shutdown, cannot connect now
                || state.equals("40001")        // serialization failure
                || state.equals("40P01");       // deadlock detected
    }
}
