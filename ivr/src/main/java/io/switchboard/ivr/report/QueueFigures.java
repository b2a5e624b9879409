package io.switchboard.ivr.report;

import java.time.ZonedDateTime;

/**
 * The figures of one queue over one interval (or a whole period, {@code intervalStart} null). Counts are whole
 * numbers; ratios are shares between 0 and 1 and averages are seconds, each null when it has nothing to be taken
 * over (no calls), never NaN. docs/kpis.md defines each.
 */
public record QueueFigures(String queue, ZonedDateTime intervalStart, int offered, int answered, int abandoned,
        int abandonedShort, int timedOut, int leftWithKey, int leftEmpty, int leftForChat, int waiting,
        Double answerRate,
        Double abandonRate, long serviceLevelSeconds, String serviceLevelBasis, int answeredWithinServiceLevel,
        Double serviceLevel, Double averageSpeedOfAnswerSeconds, Double averageWaitSeconds, Long longestWaitSeconds,
        Double averageTalkSeconds, Double averageHandlingSeconds, int transferred, Double transferRate,
        int callbacksRequested, int callbacksCompleted, int surveys, Double averageRating, Double csat,
        int resolvedFirstContact, Double firstContactResolution) {
}
