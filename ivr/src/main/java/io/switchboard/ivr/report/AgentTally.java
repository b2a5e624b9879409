package io.switchboard.ivr.report;

import java.time.Duration;
import java.time.ZonedDateTime;

/** Adds up one agent's calls and time over one interval into {@link AgentFigures} (docs/kpis.md). */
final class AgentTally {

    private final String agent;
    private final ZonedDateTime intervalStart;
    private int answered;
    private int ringNoAnswer;
    private long answerWaitSeconds;
    private int handled;
    private long talkSeconds;
    private long handlingSeconds;
    private int transferred;
    private int surveys;
    private long ratingSum;
    private int satisfied;
    private Duration loggedIn = Duration.ZERO;
    private Duration paused = Duration.ZERO;
    private Duration busy = Duration.ZERO;

    AgentTally(String agent, ZonedDateTime intervalStart) {
        this.agent = agent;
        this.intervalStart = intervalStart;
    }

    void answered(QueuedCall call, Duration wrapUp) {
        answered++;
        answerWaitSeconds += call.waited() == null ? 0 : call.waited().toSeconds();
        if (call.talk() != null) {
            handled++;
            talkSeconds += call.talk().toSeconds();
            handlingSeconds += call.talk().toSeconds() + wrapUp.toSeconds();
        }
        transferred += call.transferred() ? 1 : 0;
        if (call.rating() != null) {
            surveys++;
            ratingSum += call.rating();
            satisfied += call.rating() >= 4 ? 1 : 0;
        }
    }

    void ringNoAnswer() {
        ringNoAnswer++;
    }

    void staffed(Duration in, Duration pausedTime) {
        loggedIn = loggedIn.plus(in);
        paused = paused.plus(pausedTime);
    }

    void busy(Duration time) {
        busy = busy.plus(time);
    }

    AgentFigures figures() {
        long available = loggedIn.minus(paused).toSeconds();
        long busySeconds = Math.min(busy.toSeconds(), Math.max(available, 0));
        return new AgentFigures(agent, intervalStart, answered, ringNoAnswer,
                QueueTally.average(answerWaitSeconds, answered), talkSeconds, QueueTally.average(talkSeconds, handled),
                QueueTally.average(handlingSeconds, handled), transferred, QueueTally.ratio(transferred, answered),
                surveys, QueueTally.average(ratingSum, surveys), QueueTally.ratio(satisfied, surveys),
                loggedIn.toSeconds(), paused.toSeconds(), busySeconds, QueueTally.ratio(busySeconds, available));
    }
}
