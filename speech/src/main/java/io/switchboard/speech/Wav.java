package io.switchboard.speech;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * RIFF/WAVE files as telephony prompts use them: PCM, 16-bit, mono, 8 kHz. Anything else is refused with an
 * {@link AudioFormatException} that names the file and what it holds, so a wrong prompt fails at load, not on a call.
 */
public final class Wav {

    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private Wav() {}

    public static short[] read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static short[] read(InputStream in, String sourceName) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new AudioFormatException(sourceName + ": larger than " + MAX_BYTES + " bytes; not a prompt");
        }
        return parse(bytes, sourceName);
    }

    static short[] parse(byte[] bytes, String sourceName) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || buf.getInt(0) != 0x46464952 || buf.getInt(8) != 0x45564157) {
            throw new AudioFormatException(sourceName + ": not a RIFF/WAVE file");
        }
        int pos = 12;
        boolean sawFormat = false;
        while (pos + 8 <= bytes.length) {
            int id = buf.getInt(pos);
            long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                if (size < 16 || body + 16 > bytes.length) {
                    throw new AudioFormatException(sourceName + ": truncated fmt chunk");
                }
                checkFormat(buf, body, sourceName);
                sawFormat = true;
            } else if (id == 0x61746164) { // "data"
                if (!sawFormat) {
                    throw new AudioFormatException(sourceName + ": data chunk before the fmt chunk");
                }
                int available = bytes.length - body;
                int length = (int) Math.min(size, available);
                short[] samples = new short[length / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = buf.getShort(body + 2 * i);
                }
                return samples;
            }
            long next = body + size + (size & 1);
            if (next > bytes.length) {
                break;
            }
            pos = (int) next;
        }
        throw new AudioFormatException(sourceName + ": no " + (sawFormat ? "data" : "fmt") + " chunk");
    }

    private static void checkFormat(ByteBuffer buf, int at, String sourceName) {
        int format = buf.getShort(at) & 0xFFFF;
        int channels = buf.getShort(at + 2) & 0xFFFF;
        int rate = buf.getInt(at + 4);
        int bits = buf.getShort(at + 14) & 0xFFFF;
        boolean pcm = format == 1 || format == 0xFFFE;
        if (!pcm || channels != 1 || rate != AudioCodec.SAMPLE_RATE || bits != 16) {
            throw new AudioFormatException(String.format(
                    "%s: needs PCM 16-bit mono 8000 Hz, found format %d, %d channel(s), %d Hz, %d bits"
                            + " (convert with: sox IN -r 8000 -c 1 -b 16 OUT.wav)",
                    sourceName, format, channels, rate, bits));
        }
    }

    /** Writes 8 kHz mono 16-bit PCM. */
    public static void write(Path file, short[] samples) {
        ByteBuffer buf = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(0x46464952).putInt(36 + samples.length * 2).putInt(0x45564157);
        buf.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(AudioCodec.SAMPLE_RATE).putInt(AudioCodec.SAMPLE_RATE * 2).putShort((short) 2)
                .putShort((short) 16);
        buf.putInt(0x61746164).putInt(samples.length * 2);
        for (short s : samples) {
            buf.putShort(s);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, buf.array());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
