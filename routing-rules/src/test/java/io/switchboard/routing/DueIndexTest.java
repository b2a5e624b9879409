package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.facts.EscalationPlan;
import io.switchboard.routing.facts.Overflow;
import io.switchboard.routing.facts.WaitingCall;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Waits move on by a due-time index: advancing the clock hands over only the calls that are due. */
class DueIndexTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void onlyTheCallsThatAreDueComeOutInTimeOrder() {
        DueIndex index = new DueIndex();
        for (int i = 0; i < 1000; i++) {
            index.schedule("c" + i, T0.plusSeconds(10 + i));
        }
        assertThat(index.due(T0.plusSeconds(9))).isEmpty();
        assertThat(index.due(T0.plusSeconds(12))).containsExactly("c0", "c1", "c2");
        assertThat(index.size()).isEqualTo(997);
    }

    @Test
    void aRescheduledOrRemovedCallComesOutOnlyAtItsNewTime() {
        DueIndex index = new DueIndex();
        index.schedule("a", T0.plusSeconds(5));
        index.schedule("b", T0.plusSeconds(5));
        index.schedule("a", T0.plusSeconds(20));
        index.schedule("b", null);
        assertThat(index.due(T0.plusSeconds(10))).isEmpty();
        assertThat(index.due(T0.plusSeconds(20))).containsExactly("a");
        assertThat(index.size()).isZero();
    }

    @Test
    void theTimelineNamesTheNextChangeOfStepOrOverflow() {
        EscalationTimeline timeline = new EscalationTimeline(List.of(new EscalationPlan("*", 20, 40)),
                List.of(new Overflow("a", "b", 30)));
        WaitingCall call = WaitingCall.of("c", "a", T0);
        WaitingCall at25 = timeline.at(call, T0.plusSeconds(25));
        assertThat(at25.step()).isEqualTo(2);
        assertThat(at25.overflowQueue()).isNull();
        assertThat(timeline.nextChange(at25)).isEqualTo(T0.plusSeconds(30));
        WaitingCall at30 = timeline.at(call, T0.plusSeconds(30));
        assertThat(at30.overflowQueue()).isEqualTo("b");
        assertThat(timeline.nextChange(at30)).isEqualTo(T0.plusSeconds(40));
        WaitingCall at40 = timeline.at(call, T0.plusSeconds(40));
        assertThat(at40.step()).isEqualTo(3);
        assertThat(timeline.nextChange(at40)).isNull();
        WaitingCall other = timeline.at(WaitingCall.of("d", "other", T0), T0.plusSeconds(19));
        assertThat(other.step()).isEqualTo(1);
        assertThat(timeline.nextChange(other)).isEqualTo(T0.plusSeconds(20));
    }
}
