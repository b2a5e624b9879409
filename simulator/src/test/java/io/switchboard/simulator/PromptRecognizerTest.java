package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptRecognizerTest {

    private static final long MS = 1_000_000L;

    private final Prompt hello = tone("hello", 440, 20);
    private final Prompt menu = tone("menu", 660, 30);
    private final PromptLibrary library = PromptLibrary.of(List.of(hello, menu));
    private final PromptRecognizer recognizer = new PromptRecognizer(library, AudioCodec.PCMU, 0,
            Duration.ofMillis(500));
    private long now;

    @Test
    void twoPromptsBackToBackAreTellApartWithTheirStartTimes() {
        feed(hello, 0, 20);
        feed(menu, 0, 30);
        assertThat(recognizer.heard()).extracting(HeardPrompt::name).containsExactly("hello", "menu");
        assertThat(recognizer.heard()).extracting(HeardPrompt::offset)
                .containsExactly(Duration.ZERO, Duration.ofMillis(400));
    }

    @Test
    void lostFirstFramesStillPlaceThePromptWhereItStarted() {
        silence(10);
        feed(hello, 3, 20); // frames 0-2 lost
        assertThat(recognizer.heard()).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("hello");
            assertThat(h.offset()).isEqualTo(Duration.ofMillis(200));
        });
    }

    @Test
    void silenceBetweenPromptsIsAGapAndTheSamePromptAgainIsHeardTwice() {
        feed(menu, 0, 30);
        silence(40);
        feed(menu, 0, 30);
        assertThat(recognizer.heard()).extracting(HeardPrompt::name).containsExactly("menu", "menu");
        assertThat(recognizer.gaps()).singleElement().satisfies(g -> {
            assertThat(g.offset()).isEqualTo(Duration.ofMillis(600));
            assertThat(g.length()).isEqualTo(Duration.ofMillis(800));
        });
    }

    @Test
    void framesNotInTheLibraryAreIgnored() {
        feed(tone("other", 1000, 10), 0, 10);
        assertThat(recognizer.heard()).isEmpty();
    }

    @Test
    void aPromptWhoseLanguagesSoundAlikeIsStillRecognised() {
        Prompt english = tone("beep", 1000, 15);
        Prompt spanish = new Prompt("beep", "es", english.pcm());
        PromptRecognizer both = new PromptRecognizer(PromptLibrary.of(List.of(english, spanish, hello)),
                AudioCodec.PCMU, 0, Duration.ofMillis(500));
        List<byte[]> frames = spanish.frames(AudioCodec.PCMU);
        for (int i = 0; i < frames.size(); i++) {
            both.accept(frames.get(i), i * 20 * MS);
        }
        assertThat(both.heard()).extracting(HeardPrompt::name).containsExactly("beep");
    }

    @Test
    void languagesThatShareAnOpeningAreHeardAsOnePrompt() {
        Prompt english = tone("language-menu", 440, 20);
        short[] mixed = english.pcm().clone();
        short[] other = tone("x", 660, 20).pcm();
        System.arraycopy(other, 8 * 160, mixed, 8 * 160, 12 * 160);
        Prompt spanish = new Prompt("language-menu", "es", mixed);
        for (Prompt played : List.of(english, spanish)) { // whichever version owns the shared opening
            PromptRecognizer both = new PromptRecognizer(PromptLibrary.of(List.of(spanish, english)),
                    AudioCodec.PCMU, 0, Duration.ofMillis(500));
            List<byte[]> frames = played.frames(AudioCodec.PCMU);
            for (int i = 0; i < frames.size(); i++) {
                both.accept(frames.get(i), i * 20 * MS);
            }
            assertThat(both.heard()).as(played.language()).extracting(HeardPrompt::name)
                    .containsExactly("language-menu");
        }
    }

    private void feed(Prompt prompt, int from, int to) {
        List<byte[]> frames = prompt.frames(AudioCodec.PCMU);
        for (int i = 0; i < to; i++) {
            if (i >= from) {
                recognizer.accept(frames.get(i), now);
            }
            now += 20 * MS;
        }
    }

    private void silence(int frames) {
        byte[] s = new byte[160];
        Arrays.fill(s, AudioCodec.PCMU.silence());
        for (int i = 0; i < frames; i++) {
            recognizer.accept(s, now);
            now += 20 * MS;
        }
    }

    private static Prompt tone(String name, int hz, int frames) {
        short[] pcm = new short[frames * 160];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * hz * i / 8000.0) * (1 + (i % 97) / 200.0));
        }
        return new Prompt(name, "en", pcm);
    }
}
