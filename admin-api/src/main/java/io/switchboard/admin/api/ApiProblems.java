package io.switchboard.admin.api;

import io.switchboard.ivr.store.CallStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as an RFC 9457 problem ({@code application/problem+json}) that says what to change: Spring MVC's own
 * errors (unknown route, wrong method, bad parameter) through {@link ResponseEntityExceptionHandler}, and ours here.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    private static final String ROUTES = "GET /api/calls?limit=N, GET /api/calls/{id}, GET /api/flows, "
            + "GET|POST /api/flows/{id}/versions, PUT /api/flows/{id}/live?version=N and GET /actuator/health";

    @ExceptionHandler(CallStoreException.class)
    ProblemDetail callStoreUnavailable(CallStoreException e) {
        log.warn("Call store failed a request: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The call database did not answer; try again shortly. /actuator/health shows its state.");
        problem.setTitle("Call store unavailable");
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server failed to answer this request; its log has the details.");
        problem.setTitle("Internal error");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        e.getBody().setDetail("No endpoint " + e.getHttpMethod() + " /" + e.getResourcePath() + ". This server has "
                + ROUTES + ".");
        return super.handleNoResourceFoundException(e, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        e.getBody().setDetail("No endpoint " + e.getHttpMethod() + " " + e.getRequestURL() + ". This server has "
                + ROUTES + ".");
        return super.handleNoHandlerFoundException(e, headers, status, request);
    }
}
