package io.switchboard.ivr.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.queue.QueueSettings;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The estimated wait and how it is read to a caller. */
class WaitEstimatorTest {

    @Test
    void nothingIsEstimatedBeforeTheQueueHasSeenACall() {
        assertThat(new WaitEstimator().estimate("q", 3, 2)).isEmpty();
    }

    @Test
    void untilACallIsHandledTheHoldTimeAverageIsAsterisks() {
        WaitEstimator e = new WaitEstimator();
        e.connected("q", Duration.ofSeconds(40));
        assertThat(e.estimate("q", 5, 1)).contains(Duration.ofSeconds(40));
        e.connected("q", Duration.ofSeconds(80));
        assertThat(e.estimate("q", 5, 1)).as("(3 × 40 + 80) / 4").contains(Duration.ofSeconds(50));
    }

    @Test
    void withHandlingTimesTheEstimateIsPositionTimesHandlingTimeOverAgentsServing() {
        WaitEstimator e = new WaitEstimator();
        e.handled("q", Duration.ofSeconds(100), Duration.ofSeconds(20));
        e.handled("q", Duration.ofSeconds(160), Duration.ofSeconds(20));
        assertThat(e.estimate("q", 1, 1)).contains(Duration.ofSeconds(150));
        assertThat(e.estimate("q", 4, 2)).contains(Duration.ofSeconds(300));
        assertThat(e.estimate("other", 1, 1)).isEmpty();
    }

    @Test
    void onlyTheMostRecentCallsCount() {
        WaitEstimator e = new WaitEstimator();
        e.handled("q", Duration.ofHours(1), Duration.ZERO);
        for (int i = 0; i < WaitEstimator.WINDOW; i++) {
            e.handled("q", Duration.ofSeconds(60), Duration.ZERO);
        }
        assertThat(e.estimate("q", 1, 1)).contains(Duration.ofSeconds(60));
    }

    @Test
    void aCallerWaitsForThePthAgentToComeFreeCountingHowFarTheCallsInProgressAre() {
        WaitEstimator e = new WaitEstimator();
        java.time.Instant now = java.time.Instant.parse("2026-11-30T10:00:00Z");
        for (int i = 0; i < 4; i++) {
            e.handled("q", Duration.ofSeconds(50), Duration.ofSeconds(10)); // handling time 60 s
        }
        e.connected("q", Duration.ofSeconds(5), "a", now.minusSeconds(40)); // free in 20 s
        e.connected("q", Duration.ofSeconds(5), "b", now.minusSeconds(30));
        e.handled("q", "b", Duration.ofSeconds(50), Duration.ofSeconds(10), now); // wrap-up: free in 10 s

        assertThat(e.estimate("q", 1, 2, now)).contains(Duration.ofSeconds(10));
        assertThat(e.estimate("q", 2, 2, now)).contains(Duration.ofSeconds(20));
        assertThat(e.estimate("q", 3, 2, now)).as("then the first one again, a handling time later")
                .contains(Duration.ofSeconds(70));
        assertThat(e.estimate("q", 1, 3, now)).as("a third agent is free now").contains(Duration.ZERO);
        assertThat(e.estimate("q", 1, 2, now.plusSeconds(11))).as("the wrap-up is over: that agent is free")
                .contains(Duration.ZERO);
    }

    @Test
    void theAnnouncementReadsThePositionAndTheWaitRoundedAsPreciselyAsAnEstimateDeserves() {
        var both = new QueueSettings.Announcements(true, true, Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(Announcement.of(both, 3, Optional.of(Duration.ofSeconds(130)), "en")).extracting(PromptRef::name)
                .containsExactly("queue-position", "digits/3", "queue-position-suffix", "wait-time", "digits/2",
                        "minutes");
        assertThat(Announcement.of(both, 3, Optional.of(Duration.ofSeconds(150)), "en")).extracting(PromptRef::name)
                .endsWith("wait-time", "digits/2", "minutes", "digits/30", "seconds");
        assertThat(Announcement.of(both, 21, Optional.empty(), "en")).extracting(PromptRef::name)
                .containsExactly("queue-position", "digits/20", "digits/1", "queue-position-suffix");
        var waitOnly = new QueueSettings.Announcements(false, true, Duration.ofSeconds(30), Duration.ZERO);
        assertThat(Announcement.of(waitOnly, 1, Optional.of(Duration.ofSeconds(5)), "en"))
                .extracting(PromptRef::name).containsExactly("wait-time", "digits/10", "seconds");
        assertThat(Announcement.rounded(Duration.ofSeconds(44))).isEqualTo(Duration.ofSeconds(40));
        assertThat(Announcement.rounded(Duration.ofSeconds(100))).isEqualTo(Duration.ofSeconds(90));
        assertThat(Announcement.rounded(Duration.ofSeconds(130))).isEqualTo(Duration.ofSeconds(120));
        assertThat(Announcement.rounded(Duration.ofSeconds(400))).isEqualTo(Duration.ofMinutes(7));
    }
}
