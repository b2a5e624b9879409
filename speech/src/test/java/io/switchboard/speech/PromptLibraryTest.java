package io.switchboard.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptLibraryTest {

    @TempDir
    Path dir;

    @Test
    void loadsLanguageFoldersAndNestedNames() {
        Wav.write(dir.resolve("en/welcome.wav"), new short[400]);
        Wav.write(dir.resolve("en/digits/7.wav"), new short[10]);
        Wav.write(dir.resolve("de/welcome.wav"), new short[200]);
        PromptLibrary library = PromptLibrary.load(dir);
        assertThat(library.languages()).containsExactlyInAnyOrder("en", "de");
        assertThat(library.find("digits/7", "en")).hasValueSatisfying(p -> assertThat(p.samples()).isEqualTo(10));
        assertThat(library.find("welcome", "de")).hasValueSatisfying(p -> assertThat(p.samples()).isEqualTo(200));
        assertThat(library.find("digits/7", "de")).isEmpty();
    }

    /** The Debian Asterisk sound set's language folders are symbolic links (en -> /etc/alternatives/...). */
    @Test
    void followsSymbolicallyLinkedLanguageFolders() throws Exception {
        Path real = dir.resolve("en_US_f_Allison");
        Wav.write(real.resolve("digits/7.wav"), new short[80]);
        Files.createSymbolicLink(dir.resolve("en"), real);
        PromptLibrary library = PromptLibrary.load(dir);
        assertThat(library.find("digits/7", "en")).isPresent();
        assertThat(library.languages()).containsExactlyInAnyOrder("en", "en_US_f_Allison");
    }

    @Test
    void framesAre20msPaddedWithSilence() {
        short[] pcm = new short[170];
        Arrays.fill(pcm, (short) 1000);
        Prompt prompt = new Prompt("x", "en", pcm);
        List<byte[]> frames = prompt.frames(AudioCodec.PCMU);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).hasSize(160);
        assertThat(frames.get(1)[9]).isEqualTo(AudioCodec.PCMU.encode((short) 1000));
        assertThat(frames.get(1)[10]).isEqualTo(AudioCodec.PCMU.silence());
        assertThat(prompt.frames(AudioCodec.PCMU)).isSameAs(frames);
        assertThat(prompt.duration().toMillis()).isEqualTo(21);
    }

    @Test
    void aBrokenFileFailsTheLoadNamingIt() throws Exception {
        Files.createDirectories(dir.resolve("en"));
        Files.writeString(dir.resolve("en/bad.wav"), "not audio");
        assertThatThrownBy(() -> PromptLibrary.load(dir)).hasMessageContaining("bad.wav");
    }

    /**
     * The simulator tells prompts apart by their frames: within its first second of audio, every bundled prompt
     * has a frame that no other prompt has anywhere.
     */
    @Test
    void everyBundledPromptIsIdentifiableWithinItsFirstSecond() {
        PromptLibrary library = PromptLibrary.load(PromptLibrary.defaultDirectory());
        assertThat(library.all()).hasSizeGreaterThan(40);
        for (AudioCodec codec : AudioCodec.values()) {
            Map<String, Set<String>> owners = new HashMap<>();
            for (Prompt p : library.all()) {
                for (byte[] f : p.frames(codec)) {
                    owners.computeIfAbsent(Arrays.toString(f), k -> new HashSet<>()).add(p.name());
                }
            }
            for (Prompt p : library.all()) {
                List<byte[]> audible = p.frames(codec).stream().filter(f -> !silent(f, codec)).limit(50).toList();
                boolean identifiable = audible.stream().anyMatch(f -> owners.get(Arrays.toString(f)).size() == 1);
                assertThat(identifiable).as("%s: %s has no frame of its own in its first second", codec, p.name())
                        .isTrue();
            }
        }
    }

    private static boolean silent(byte[] frame, AudioCodec codec) {
        for (byte b : frame) {
            if (Math.abs(codec.decode(b)) > 64) {
                return false;
            }
        }
        return true;
    }
}
