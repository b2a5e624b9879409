package io.switchboard.admin.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem straight to the servlet response, for refusals made before Spring MVC sees the request
 * (authentication, limits, the firewall, the container's error page). Controllers throw
 * {@link org.springframework.web.ErrorResponseException} instead.
 */
public final class ProblemResponse {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponse() {}

    /** A problem with {@code status}, a short {@code title} and a {@code detail} that says what to send instead. */
    public static ProblemDetail of(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** Sends {@code problem} as {@code application/problem+json}, unless the response is already committed. */
    public static void send(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        // on the container's error page, the instance is the request that failed, not /error
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String instance = failed instanceof String uri ? uri : request.getRequestURI();
        response.getOutputStream().write(json(problem, instance).getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
    }

    /** The problem's JSON, with {@code instance} unless the problem names its own. */
    static String json(ProblemDetail problem, String instance) {
        return JSON.writeValueAsString(body(problem, instance));
    }

    /** The problem for a bare status code that the container set (no exception says more). */
    static ProblemDetail forStatus(int code) {
        HttpStatus status = HttpStatus.resolve(code) == null ? HttpStatus.INTERNAL_SERVER_ERROR
                : HttpStatus.valueOf(code);
        return switch (status) {
            case BAD_REQUEST -> of(status, "Bad request", "The request could not be read: send a plain path (no"
                    + " control characters, encoded '/' or '..'), well-formed headers, and a body in the format the"
                    + " endpoint reads.");
            case NOT_FOUND -> of(status, "Not found", "No such endpoint; the README lists the API.");
            case CONTENT_TOO_LARGE -> of(status, "Request body too large",
                    "Send a smaller body (switchboard.http.max-body-size).");
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> of(status, "Headers too large", "Send fewer or shorter"
                    + " headers.");
            default -> status.is5xxServerError()
                    ? of(status, "Internal error", "The server failed to answer this request; its log has the"
                            + " details.")
                    : of(status, status.getReasonPhrase(), "The request was refused (" + status.value() + " "
                            + status.getReasonPhrase() + "); check the method, path and headers against the README.");
        };
    }

    static Map<String, Object> body(ProblemDetail problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance() != null ? problem.getInstance().toString() : instance);
        if (problem.getProperties() != null) {
            problem.getProperties().forEach(body::putIfAbsent);
        }
        return body;
    }
}
