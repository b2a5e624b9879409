package io.switchboard.ivr.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A caller's answer to a post-call survey, stored with the call (table {@code call_surveys}).
 *
 * @param seq        the n-th answer of the call, from 1
 * @param answeredAt when the caller gave it
 * @param rating     1 to 5
 * @param comment    the recorded comment's reference, or null
 */
public record SurveyAnswer(int seq, Instant answeredAt, int rating, String comment) {

    public SurveyAnswer {
        Objects.requireNonNull(answeredAt, "answeredAt");
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("rating must be 1 to 5, got " + rating);
        }
    }
}
