package io.switchboard.admin.http;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The {@code limit} query parameter of the list endpoints: a whole number in a range, with a default. */
public final class QueryLimit {

    private QueryLimit() {}

    /**
     * {@code value} as a limit from 1 to {@code max}, or {@code otherwise} when absent.
     *
     * @throws ErrorResponseException a 400 problem that says what to send instead
     */
    public static int parse(String value, int otherwise, int max) {
        if (value == null) {
            return otherwise;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, with what to send instead
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Query parameter 'limit' must be a whole number from 1 to " + max + " (default " + otherwise
                        + "); got '" + value + "'.");
        problem.setTitle("Invalid limit");
        problem.setProperty("parameter", "limit");
        throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
