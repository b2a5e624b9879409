package io.switchboard.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    private static LoadReport.Result served(int queuedS, int connectedS, int... announcedAtAndWaitS) {
        List<QueueJourney.Announcement> said = new ArrayList<>();
        for (int i = 0; i < announcedAtAndWaitS.length; i += 2) {
            said.add(new QueueJourney.Announcement(Duration.ofSeconds(announcedAtAndWaitS[i]),
                    Duration.ofSeconds(announcedAtAndWaitS[i + 1])));
        }
        return new LoadReport.Result(CallerOutcome.SERVED, new QueueJourney(Optional.of(Duration.ofSeconds(queuedS)),
                said, Optional.of(Duration.ofSeconds(connectedS)), Duration.ofMillis(300)));
    }

    private static LoadReport.Result gaveUp(CallerOutcome outcome, long silenceMs) {
        return new LoadReport.Result(outcome, new QueueJourney(Optional.of(Duration.ofSeconds(5)), List.of(),
                Optional.empty(), Duration.ofMillis(silenceMs)));
    }

    @Test
    void countsWaitsServiceLevelAndHowFarAnnouncementsWereFromTheTruth() {
        var report = LoadReport.of(List.of(served(10, 20), served(10, 40, 20, 60), served(10, 70, 30, 60),
                served(10, 110), gaveUp(CallerOutcome.ABANDONED, 1200), gaveUp(CallerOutcome.CALLBACK, 0),
                gaveUp(CallerOutcome.FAILED, 0)), Duration.ofSeconds(20));

        assertThat(report.offered()).isEqualTo(7);
        assertThat(report.count(CallerOutcome.SERVED)).isEqualTo(4);
        assertThat(report.count(CallerOutcome.ABANDONED)).isEqualTo(1);
        assertThat(report.count(CallerOutcome.CALLBACK)).isEqualTo(1);
        // waits 10, 30, 60, 100 s
        assertThat(report.averageWait()).contains(Duration.ofSeconds(50));
        assertThat(report.waitPercentile(90)).contains(Duration.ofSeconds(100));
        assertThat(report.waitPercentile(50)).contains(Duration.ofSeconds(30));
        assertThat(report.serviceLevel()).contains(0.25);
        // announced 60 with 20 to go (error 40), announced 60 with 40 to go (error 20): MAE 30 of mean actual 30
        assertThat(report.announcedWaitError()).contains(Duration.ofSeconds(30));
        assertThat(report.relativeAnnouncedWaitError()).contains(1.0);
        assertThat(report.longestSilence()).isEqualTo(Duration.ofMillis(1200));
        assertThat(report.text()).contains("offered 7, served 4, abandoned 1, callbacks 1")
                .contains("service level 25.0 % (within 20s)").contains("mean absolute error 30.0s (100 %");
        assertThat(report.json()).contains("\"served\":4").contains("\"p90WaitMs\":100000")
                .contains("\"longestSilenceMs\":1200");
    }

    @Test
    void aRunWhereNobodyWasServedSaysSoInsteadOfDividingByZero() {
        var report = LoadReport.of(List.of(gaveUp(CallerOutcome.ABANDONED, 0)), Duration.ofSeconds(20));

        assertThat(report.averageWait()).isEmpty();
        assertThat(report.serviceLevel()).isEmpty();
        assertThat(report.relativeAnnouncedWaitError()).isEmpty();
        assertThat(report.text()).contains("average n/a").contains("service level n/a");
        assertThat(report.json()).contains("\"serviceLevel\":null");
    }
}
