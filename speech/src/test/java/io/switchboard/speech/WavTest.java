package io.switchboard.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsBack() {
        short[] samples = {0, 1, -1, 32767, -32768, 1234};
        Path file = dir.resolve("a.wav");
        Wav.write(file, samples);
        assertThat(Wav.read(file)).containsExactly(samples);
    }

    @Test
    void skipsUnknownChunksIncludingOddPadding() {
        ByteBuffer b = ByteBuffer.allocate(100).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(0).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        b.put("LIST".getBytes()).putInt(3).put(new byte[] {1, 2, 3, 0}); // odd size, padded
        b.putInt(0x61746164).putInt(4).putShort((short) 7).putShort((short) -7);
        byte[] bytes = Arrays.copyOf(b.array(), b.position());
        assertThat(Wav.parse(bytes, "x.wav")).containsExactly((short) 7, (short) -7);
    }

    @Test
    void refusesOtherFormatsNamingFileAndFormat() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 2).putInt(44100).putInt(0)
                .putShort((short) 4).putShort((short) 16);
        b.putInt(0x61746164).putInt(0);
        Path file = dir.resolve("stereo.wav");
        Files.write(file, b.array());
        assertThatThrownBy(() -> Wav.read(file)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("stereo.wav").hasMessageContaining("2 channel(s), 44100 Hz");
    }

    @Test
    void refusesGarbageAndTruncation() {
        assertThatThrownBy(() -> Wav.parse(new byte[] {1, 2, 3}, "g.wav")).isInstanceOf(AudioFormatException.class)
                .hasMessage("g.wav: not a RIFF/WAVE file");
        byte[] header = Arrays.copyOf(new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't',
            ' ', 16, 0, 0, 0}, 24);
        assertThatThrownBy(() -> Wav.parse(header, "t.wav")).isInstanceOf(AudioFormatException.class)
                .hasMessage("t.wav: truncated fmt chunk");
    }
}
