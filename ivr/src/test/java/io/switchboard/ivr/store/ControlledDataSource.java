package io.switchboard.ivr.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A real database behind a gate the test controls: it can hold every connection request until opened (a database
 * that stalls), or refuse the next requests as if the server were unreachable. Every connection it gives out is a
 * real one.
 */
final class ControlledDataSource implements DataSource {

    private final DataSource database;
    private final CountDownLatch open = new CountDownLatch(1);
    private final Semaphore waiting = new Semaphore(0);
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean gated;

    ControlledDataSource(DataSource database) {
        this.database = database;
    }

    /** From now on, connection requests wait until {@link #open()}. */
    ControlledDataSource closeGate() {
        gated = true;
        return this;
    }

    void open() {
        open.countDown();
    }

    /** Waits until someone is held at the gate. */
    boolean awaitSomeoneWaiting(Duration timeout) throws InterruptedException {
        return waiting.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next {@code count} connection requests fail as if the server were down. */
    void refuseNext(int count) {
        refusals.set(count);
    }

    /** How many connection requests were refused. */
    int refused() {
        return refused.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (gated) {
            waiting.release();
            try {
                if (!open.await(30, TimeUnit.SECONDS)) {
                    throw new SQLTransientConnectionException("gate never opened", "08001");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("interrupted at the gate", "08001", e);
            }
        }
        if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refused.incrementAndGet();
            throw new SQLTransientConnectionException("Connection refused (test)", "08001");
        }
        return database.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("not used by the call store");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return database.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        database.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        database.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return database.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return database.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return database.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return database.isWrapperFor(type);
    }
}
