package io.switchboard.admin.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's error page ({@code /error}): whatever failed outside the controllers (a filter, the connector)
 * is answered as a problem too, never as an HTML page or Spring Boot's own error JSON.
 */
@Controller
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        // asked for directly (not sent here by the container after a failure) it is no endpoint at all
        int status = code instanceof Integer c ? c
                : request.getDispatcherType() == jakarta.servlet.DispatcherType.ERROR ? 500 : 404;
        if (status == 500 && failure instanceof HttpMessageNotReadableException) {
            status = 400; // input a filter could not read, not a fault of the server
        }
        BodyTooLargeException tooLarge = BodyTooLargeException.in(failure);
        ProblemDetail problem = tooLarge != null ? BodyLimitFilter.tooLarge(tooLarge.limit())
                : ProblemResponse.forStatus(status);
        ProblemResponse.send(request, response, problem);
    }
}
