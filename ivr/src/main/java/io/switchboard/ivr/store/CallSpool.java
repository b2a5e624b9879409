package io.switchboard.ivr.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call writes kept on local disk while the database cannot take them: an append-only file of records, each
 * {@code [length][CRC32C][bytes of a SpooledWrite]}, forced to disk once per appended batch.
 *
 * <p>Replay reads it from the start, in order; storing is idempotent ({@link CallStore}), so a replay cut short by a
 * crash is simply done again at the next start. A record torn by a crash while it was appended (short, or its
 * checksum wrong) ends the file: it and anything after it are cut off when the spool opens. When everything is
 * replayed the file is emptied. It grows to at most {@code maxBytes}; {@link #hasRoomFor(int)} lets the writer keep
 * the room left for what must never be dropped.
 *
 * <p>Used by one thread at a time (the {@link CallWriter}'s).
 */
public final class CallSpool implements AutoCloseable {

    /** Largest record accepted when reading: a damaged length never makes a huge allocation. */
    static final int MAX_RECORD = 1 << 20;
    private static final int HEADER = 8;
    private static final Logger log = LoggerFactory.getLogger(CallSpool.class);

    private final Path file;
    private final long maxBytes;
    private final FileChannel channel;
    private long readOffset;
    private long pendingOffset;
    private long records;

    /**
     * Opens (or creates) the spool file, cutting off a record torn by a crash.
     *
     * @param file     for example {@code data/spool/calls.spool}
     * @param maxBytes how large the file may grow
     */
    public CallSpool(Path file, long maxBytes) {
        this.file = file.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(this.file.getParent());
            channel = FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (!lock(channel)) {
                channel.close();
                throw new IllegalStateException("the call spool " + this.file + " is in use by another Switchboard;"
                        + " give each one its own switchboard.db.spool-dir");
            }
            long end = scan();
            if (end < channel.size()) {
                log.warn("Call spool {}: cut {} bytes of a write torn by a crash", this.file, channel.size() - end);
                channel.truncate(end);
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the call spool " + this.file, e);
        }
    }

    private static boolean lock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    /** Where the spool is. */
    public Path file() {
        return file;
    }

    /** Whether writes wait in the spool. */
    public boolean isEmpty() {
        return records == 0;
    }

    /** How many writes wait in the spool. */
    public long waiting() {
        return records;
    }

    /** Whether {@code bytes} more bytes fit under the size limit. */
    boolean hasRoomFor(long bytes) {
        try {
            return channel.size() + bytes <= maxBytes;
        } catch (IOException e) {
            return false;
        }
    }

    /** Appends the encoded writes ({@link SpooledWrite#encode}) in order and forces them to disk before returning. */
    void append(List<byte[]> encoded) throws IOException {
        if (encoded.isEmpty()) {
            return;
        }
        int total = encoded.stream().mapToInt(b -> HEADER + b.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(total);
        CRC32C crc = new CRC32C();
        for (byte[] record : encoded) {
            crc.reset();
            crc.update(record);
            buffer.putInt(record.length).putInt((int) crc.getValue()).put(record);
        }
        buffer.flip();
        long at = channel.size();
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        channel.force(false);
        records += encoded.size();
    }

    /** The next up to {@code max} writes from where replay stands; {@link #acknowledge(int)} moves past them. */
    List<CallWrite> next(int max) throws IOException {
        List<CallWrite> writes = new ArrayList<>(Math.min(max, 512));
        long offset = readOffset;
        long size = channel.size();
        while (writes.size() < max && offset < size) {
            byte[] record = readRecord(offset, size);
            if (record == null) {
                break;
            }
            writes.add(SpooledWrite.decode(record));
            offset += HEADER + record.length;
        }
        pendingOffset = offset;
        return writes;
    }

    /** The writes last returned by {@link #next(int)} are stored: move past them, and empty the file at its end. */
    void acknowledge(int count) throws IOException {
        readOffset = pendingOffset;
        records -= count;
        if (readOffset >= channel.size()) {
            channel.truncate(0);
            channel.force(true);
            readOffset = 0;
            pendingOffset = 0;
            records = 0;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("cannot close the call spool {}: {}", file, e.getMessage());
        }
    }

    /** Counts the whole records and returns where the last one ends. */
    private long scan() throws IOException {
        long offset = 0;
        long size = channel.size();
        while (offset < size) {
            byte[] record = readRecord(offset, size);
            if (record == null) {
                break;
            }
            try {
                SpooledWrite.decode(record);
            } catch (IOException e) {
                break;
            }
            records++;
            offset += HEADER + record.length;
        }
        return offset;
    }

    /** The record at {@code offset}, or null when it is torn or damaged. */
    private byte[] readRecord(long offset, long size) throws IOException {
        if (size - offset < HEADER) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(header, offset);
        int length = header.getInt(0);
        int expected = header.getInt(4);
        if (length <= 0 || length > MAX_RECORD || length > size - offset - HEADER) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(body, offset + HEADER);
        CRC32C crc = new CRC32C();
        crc.update(body.array());
        return (int) crc.getValue() == expected ? body.array() : null;
    }

    private void readFully(ByteBuffer buffer, long offset) throws IOException {
        long at = offset;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("call spool " + file + " ended early");
            }
            at += read;
        }
    }
}
