package io.switchboard.ivr.report;

import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * Adds up the {@link QueuedCall}s of one queue over one interval into {@link QueueFigures}: the formulas of
 * docs/kpis.md, in one place for reports and the live figures alike.
 */
final class QueueTally {

    private final String queue;
    private final ZonedDateTime intervalStart;
    private final QueueTargets targets;
    private final KpiDefinitions definitions;
    private int offered;
    private int answered;
    private int abandoned;
    private int abandonedShort;
    private int timedOut;
    private int leftWithKey;
    private int leftEmpty;
    private int leftForChat;
    private int waiting;
    private int withinServiceLevel;
    private long answeredWaitSeconds;
    private long waitSeconds;
    private int waits;
    private Long longestWait;
    private int handled;
    private long talkSeconds;
    private int transferred;
    private int callbacksRequested;
    private int callbacksCompleted;
    private int surveys;
    private long ratingSum;
    private int satisfied;
    private int resolutionKnown;
    private int resolved;

    QueueTally(String queue, ZonedDateTime intervalStart, QueueTargets targets, KpiDefinitions definitions) {
        this.queue = queue;
        this.intervalStart = intervalStart;
        this.targets = targets;
        this.definitions = definitions;
    }

    void add(QueuedCall call) {
        offered++;
        switch (call.exit()) {
            case ANSWERED -> answered(call);
            case ABANDONED -> {
                abandoned++;
                if (call.waited() != null && call.waited().compareTo(definitions.shortAbandon()) < 0) {
                    abandonedShort++;
                }
            }
            case TIMED_OUT -> timedOut++;
            case LEFT_WITH_KEY -> leftWithKey++;
            case QUEUE_EMPTY -> leftEmpty++;
            case LEFT_FOR_CHAT -> leftForChat++; // not an abandon: the caller went on in chat
            case WAITING -> waiting++;
        }
        if (call.waited() != null) {
            long s = call.waited().toSeconds();
            waitSeconds += s;
            waits++;
            longestWait = longestWait == null ? s : Math.max(longestWait, s);
        }
    }

    private void answered(QueuedCall call) {
        answered++;
        Duration wait = call.waited() == null ? Duration.ZERO : call.waited();
        answeredWaitSeconds += wait.toSeconds();
        if (wait.compareTo(targets.serviceLevel()) <= 0) {
            withinServiceLevel++;
        }
        if (call.talk() != null) {
            handled++;
            talkSeconds += call.talk().toSeconds();
        }
        if (call.transferred()) {
            transferred++;
        }
        if (call.rating() != null) {
            surveys++;
            ratingSum += call.rating();
            satisfied += call.rating() >= 4 ? 1 : 0;
        }
        if (call.repeated() != null) {
            resolutionKnown++;
            resolved += call.repeated() ? 0 : 1;
        }
    }

    void callbackRequested() {
        callbacksRequested++;
    }

    void callbackCompleted() {
        callbacksCompleted++;
    }

    QueueFigures figures() {
        int slBase = switch (definitions.basis()) {
            case ANSWERED -> answered;
            case OFFERED -> offered;
            case OFFERED_MINUS_SHORT_ABANDONS -> offered - abandonedShort;
        };
        long wrapUp = targets.wrapUp().toSeconds();
        return new QueueFigures(queue, intervalStart, offered, answered, abandoned, abandonedShort, timedOut,
                leftWithKey, leftEmpty, leftForChat, waiting, ratio(answered, offered),
                ratio(abandoned - abandonedShort, offered - abandonedShort), targets.serviceLevel().toSeconds(),
                definitions.basis().text(), withinServiceLevel, ratio(withinServiceLevel, slBase),
                average(answeredWaitSeconds, answered), average(waitSeconds, waits), longestWait,
                average(talkSeconds, handled), average(talkSeconds + wrapUp * handled, handled), transferred,
                ratio(transferred, answered), callbacksRequested, callbacksCompleted, surveys,
                average(ratingSum, surveys), ratio(satisfied, surveys), resolved, ratio(resolved, resolutionKnown));
    }

    /** {@code part / whole} to three decimals, null when {@code whole} is zero. */
    static Double ratio(long part, long whole) {
        return whole <= 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

    /** {@code sum / count} to one decimal, null when {@code count} is zero. */
    static Double average(long sum, long count) {
        return count <= 0 ? null : Math.round(10.0 * sum / count) / 10.0;
    }
}
