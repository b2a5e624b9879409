package io.switchboard.admin.http;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's own error page, for requests it refuses before any servlet runs (a {@code %00} in the path, a broken
 * request line, oversized headers): a problem instead of Tomcat's HTML.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemDetail problem = switch (status) {
            // what Tomcat does not implement is, for this API, a malformed request: 400 with what to send
            case 501 -> ProblemResponse.of(HttpStatus.BAD_REQUEST, "Bad request", "Unknown Transfer-Encoding; send"
                    + " the body with a Content-Length, or with Transfer-Encoding: chunked.");
            case 505 -> ProblemResponse.of(HttpStatus.BAD_REQUEST, "Bad request", "Unknown HTTP version in the"
                    + " request line; send HTTP/1.1.");
            default -> ProblemResponse.forStatus(status);
        };
        response.setStatus(problem.getStatus());
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                String uri = request.getRequestURI();
                writer.write(ProblemResponse.json(problem, uri == null ? "" : uri));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: the status line is all it gets
        }
    }
}
