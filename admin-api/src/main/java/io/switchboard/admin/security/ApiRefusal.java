package io.switchboard.admin.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused API request of the users, tokens and audit endpoints, as the problem the client gets. */
final class ApiRefusal {

    private ApiRefusal() {}

    static ErrorResponseException of(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }

    static ErrorResponseException badRequest(String title, String detail) {
        return of(HttpStatus.BAD_REQUEST, title, detail);
    }
}
