package io.switchboard.admin.http;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;

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
        if (status == 505) {
            // a request line whose version is not HTTP/1.x is a malformed request here, not a server fault
            status = 400;
            response.setStatus(400);
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                String uri = request.getRequestURI();
                writer.write(ProblemResponse.json(ProblemResponse.forStatus(status), uri == null ? "" : uri));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: the status line is all it gets
        }
    }
}
