package io.switchboard.ivr.media;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.Prompt;

/**
 * The other leg's audio on its way into this leg's outbound stream while two calls are bridged: payloads arrive on
 * the receiver thread in the other leg's codec, are transcoded to ours (G.711 μ-law ↔ A-law through linear PCM, a
 * 256-entry table each way) and taken 160 bytes per tick by the media clock. Any packet size is fine (the feed is a
 * byte FIFO). Bounded to {@value #CAPACITY_FRAMES} frames: when the far side sends faster than our clock the oldest
 * audio is dropped, so the delay never grows; when it is late, a tick sends silence.
 */
final class RelayFeed {

    static final int CAPACITY_FRAMES = 6;
    private static final int CAPACITY = CAPACITY_FRAMES * Prompt.FRAME_SAMPLES;

    private final AudioCodec to;
    private final byte[] ring = new byte[CAPACITY];
    private final byte[][] tables = new byte[AudioCodec.values().length][];
    private int head;
    private int size;

    RelayFeed(AudioCodec to) {
        this.to = to;
        for (AudioCodec from : AudioCodec.values()) {
            byte[] t = new byte[256];
            for (int b = 0; b < 256; b++) {
                t[b] = from == to ? (byte) b : to.encode(from.decode((byte) b));
            }
            tables[from.ordinal()] = t;
        }
    }

    /** The byte {@code b} of codec {@code from} in this feed's codec. */
    byte transcode(byte b, AudioCodec from) {
        return tables[from.ordinal()][b & 0xFF];
    }

    /** Appends a payload in codec {@code from}; drops the oldest audio beyond the capacity. */
    synchronized void offer(byte[] payload, AudioCodec from) {
        byte[] table = tables[from.ordinal()];
        int n = Math.min(payload.length, CAPACITY);
        int start = payload.length - n;
        for (int i = 0; i < n; i++) {
            if (size == CAPACITY) {
                head = (head + 1) % CAPACITY;
                size--;
            }
            ring[(head + size) % CAPACITY] = table[payload[start + i] & 0xFF];
            size++;
        }
    }

    /** Fills {@code frame} with the next 160 bytes; false (frame untouched) when fewer are buffered. */
    synchronized boolean poll(byte[] frame) {
        if (size < frame.length) {
            return false;
        }
        for (int i = 0; i < frame.length; i++) {
            frame[i] = ring[(head + i) % CAPACITY];
        }
        head = (head + frame.length) % CAPACITY;
        size -= frame.length;
        return true;
    }

    AudioCodec codec() {
        return to;
    }
}
