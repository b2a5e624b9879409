package io.switchboard.admin.http;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused API request, as the RFC 9457 problem the client gets. */
public final class ApiRefusal {

    private ApiRefusal() {}

    public static ErrorResponseException of(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }

    public static ErrorResponseException badRequest(String title, String detail) {
        return of(HttpStatus.BAD_REQUEST, title, detail);
    }
}
