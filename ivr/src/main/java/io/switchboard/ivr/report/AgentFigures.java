package io.switchboard.ivr.report;

import java.time.ZonedDateTime;

/**
 * The figures of one agent over one interval (or a whole period, {@code intervalStart} null): calls answered (in
 * the interval they were answered), rings not answered, talk and handling time, transfers, survey ratings, and time
 * logged in, paused and busy with occupancy. Ratios and averages are null when undefined. docs/kpis.md defines each.
 */
public record AgentFigures(String agent, ZonedDateTime intervalStart, int answered, int ringNoAnswer,
        Double averageSpeedOfAnswerSeconds, long talkSeconds, Double averageTalkSeconds, Double averageHandlingSeconds,
        int transferred, Double transferRate, int surveys, Double averageRating, Double csat, long loggedInSeconds,
        long pausedSeconds, long busySeconds, Double occupancy) {
}
