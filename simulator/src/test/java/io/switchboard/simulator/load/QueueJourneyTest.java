package io.switchboard.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.simulator.HeardPrompt;
import io.switchboard.simulator.PromptRecognizer.Gap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QueueJourneyTest {

    private static final List<HeardPrompt> HEARD = new ArrayList<>();

    private static HeardPrompt at(double seconds, String name) {
        return new HeardPrompt(name, Duration.ofMillis(Math.round(seconds * 1000)), 0, Duration.ofSeconds(1));
    }

    @Test
    void aCallerWhoWaitedHearsTheQueueAnnouncementsAndThenTheAgent() {
        var heard = List.of(at(0, "language-menu"), at(3, "welcome"), at(6, "main-menu"), at(9, "please-hold"),
                at(10, "hold-music"), at(30, "queue-position"), at(31, "digits/3"),
                at(32, "queue-position-suffix"), at(33, "wait-time"), at(34, "digits/2"), at(35, "minutes"),
                at(36, "hold-music"), at(130, "agent-greeting"));
        var journey = QueueJourney.of(heard, List.of(new Gap(Duration.ofMillis(6500), Duration.ofMillis(900)),
                new Gap(Duration.ofSeconds(140), Duration.ofSeconds(5))));

        assertThat(journey.queuedAt()).contains(Duration.ofSeconds(9));
        assertThat(journey.connectedAt()).contains(Duration.ofSeconds(130));
        assertThat(journey.waited()).contains(Duration.ofSeconds(121));
        assertThat(journey.announcements()).containsExactly(new QueueJourney.Announcement(Duration.ofSeconds(33),
                Duration.ofMinutes(2)));
        assertThat(journey.announcements().get(0).actualRemaining(journey.connectedAt()))
                .contains(Duration.ofSeconds(97));
        // the 5 s of silence came after the agent answered (the agent paused): not a silence the waiting caller heard
        assertThat(journey.longestSilenceBeforeAgent()).isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aCallerWhoNeverReachedAnAgentHasNoWaitAndEverySilenceCounts() {
        var journey = QueueJourney.of(List.of(at(1, "hold-music"), at(20, "wait-time"), at(21, "digits/40"),
                at(22, "digits/5"), at(23, "seconds")), List.of(new Gap(Duration.ofSeconds(30), Duration.ofSeconds(3))));

        assertThat(journey.connectedAt()).isEmpty();
        assertThat(journey.waited()).isEmpty();
        assertThat(journey.announcements()).extracting(QueueJourney.Announcement::announced)
                .containsExactly(Duration.ofSeconds(45));
        assertThat(journey.longestSilenceBeforeAgent()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aWaitInMinutesAndSecondsAddsUp() {
        var journey = QueueJourney.of(List.of(at(1, "wait-time"), at(2, "digits/2"), at(3, "minutes"),
                at(4, "digits/30"), at(5, "seconds"), at(6, "hold-music")), List.of());

        assertThat(journey.announcements()).extracting(QueueJourney.Announcement::announced)
                .containsExactly(Duration.ofSeconds(150));
    }

    @Test
    void anAnnouncementCutShortIsNotCounted() {
        var journey = QueueJourney.of(List.of(at(1, "wait-time"), at(2, "digits/2"), at(3, "agent-greeting")),
                List.of());

        assertThat(journey.announcements()).isEmpty();
    }

    @Test
    void digitPromptsReadBackAsTheNumberTheyWereSpokenFrom() {
        assertThat(HeardNumbers.read(List.of("digits/20", "digits/5"))).isEqualTo(OptionalLong.of(25));
        assertThat(HeardNumbers.read(List.of("digits/3", "digits/hundred", "digits/12")))
                .isEqualTo(OptionalLong.of(312));
        assertThat(HeardNumbers.read(List.of("digits/2", "digits/thousand", "digits/5", "digits/hundred")))
                .isEqualTo(OptionalLong.of(2500));
        assertThat(HeardNumbers.read(List.of("digits/0"))).isEqualTo(OptionalLong.of(0));
        assertThat(HeardNumbers.read(List.of("digits/star"))).isEmpty();
        assertThat(HeardNumbers.read(List.of("minutes"))).isEmpty();
        assertThat(HeardNumbers.read(List.of())).isEmpty();
    }
}
