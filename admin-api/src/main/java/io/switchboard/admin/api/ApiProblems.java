package io.switchboard.admin.api;

import io.switchboard.admin.http.BodyLimitFilter;
import io.switchboard.admin.http.BodyTooLargeException;
import io.switchboard.ivr.store.CallStoreException;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as an RFC 9457 problem ({@code application/problem+json}) that says what to send instead: Spring MVC's
 * own errors (unknown route, wrong method, content type or parameter, unreadable body) through
 * {@link ResponseEntityExceptionHandler} with our wording, and ours here.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    static final String ROUTES = "GET /api/calls?limit=N, GET /api/calls/{id}, POST /api/calls/{id}/follow-up, "
            + "GET /api/flows, "
            + "GET|POST /api/flows/{id}/versions, PUT /api/flows/{id}/live?version=N, GET "
            + "/api/flows/{id}/diff?from=N&to=M, GET /api/flows/{id}/graph, GET|POST /api/agents, "
            + "GET|PUT|DELETE /api/agents/{id}, PUT /api/agents/{id}/state, GET /api/agents/{id}/current, "
            + "GET /api/agents/{id}/desk, GET /api/agents/{id}/desk/live, GET /api/queues, GET /api/queues/{id}, "
            + "GET /api/wallboard, GET /api/wallboard/live, "
            + "GET /api/calendars, PUT /api/calendars/{name}, GET /api/queue-log?from=&to=&limit=, GET "
            + "/api/handoffs?state=&limit=, POST /api/handoffs/{id}/retry, GET "
            + "/api/reports/queues?from=&to=&interval=, GET /api/reports/agents?from=&to=&interval=, GET "
            + "/api/routing, PUT /api/routing/files/{name}, GET|POST /api/users, PUT|DELETE /api/users/{name}, "
            + "GET|POST /api/tokens, DELETE /api/tokens/{id}, GET /api/audit?from=&to=&limit=, POST|GET|DELETE "
            + "/api/session, GET /api/openapi.yaml, GET /actuator/prometheus, the pages under /pages/ and GET "
            + "/actuator/health";

    @ExceptionHandler(CallStoreException.class)
    ResponseEntity<Object> callStoreUnavailable(CallStoreException e) {
        log.warn("Call store failed a request: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The call database did not answer; try again shortly. /actuator/health shows its state.");
        problem.setTitle("Call store unavailable");
        return answer(problem);
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
        CannotCreateTransactionException.class})
    ResponseEntity<Object> databaseUnavailable(Exception e) {
        log.warn("Database failed a request: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The database did not answer; nothing was changed. Try again shortly; /actuator/health shows its"
                        + " state.");
        problem.setTitle("Database unavailable");
        return answer(problem);
    }

    /** Tomcat gives up on query parameters that are not UTF-8 once decoded. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableParameters(InvalidParameterException e) {
        return answer(problem(HttpStatus.BAD_REQUEST, "Invalid query", "The query could not be decoded: send"
                + " parameters as UTF-8 text, percent-encoded (%C3%A9 for é), with '%' itself as %25."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
        if (tooLarge != null) {
            return answer(BodyLimitFilter.tooLarge(tooLarge.limit()));
        }
        log.error("Request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server failed to answer this request; its log has the details.");
        problem.setTitle("Internal error");
        return answer(problem);
    }

    /**
     * Every problem goes out as {@code application/problem+json} whatever the request's {@code Accept} said (even
     * an unparseable one): a client that cannot take JSON still gets a status, and one that can gets the reason.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, problemHeaders, status);
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
        if (tooLarge != null) {
            ProblemDetail problem = BodyLimitFilter.tooLarge(tooLarge.limit());
            return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unreadable body", "The request body is missing or"
                + " is not what " + route(request) + " reads. Flows are published as the flow file's YAML text"
                + " (Content-Type: application/yaml); users take JSON {\"name\", \"password\", \"roles\"} and"
                + " tokens {\"label\", \"roles\"} (Content-Type: application/json).");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        String expected = e.getRequiredType() == int.class || e.getRequiredType() == Integer.class
                ? "a whole number" : "a " + (e.getRequiredType() == null ? "value" : e.getRequiredType()
                        .getSimpleName());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid " + name, "'" + name + "' must be "
                + expected + ", e.g. ?" + name + "=2; got '" + e.getValue() + "'.");
        problem.setProperty("parameter", name);
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Missing " + e.getParameterName(), "Query parameter '"
                + e.getParameterName() + "' is required here, e.g. PUT /api/flows/hotline/live?version=2.");
        problem.setProperty("parameter", e.getParameterName());
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String allowed = e.getSupportedHttpMethods() == null ? "none" : e.getSupportedHttpMethods().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", "));
        ProblemDetail problem = problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", route(request)
                + " is not an endpoint; this path takes " + allowed + ".");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String supported = e.getSupportedMediaTypes().stream().map(MediaType::toString)
                .collect(Collectors.joining(", "));
        ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type", route(request)
                + " does not read " + (e.getContentType() == null ? "a body without Content-Type"
                        : "'" + e.getContentType() + "'") + "; send Content-Type " + supported + ".");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.NOT_ACCEPTABLE, "Not acceptable", route(request)
                + " answers application/json (and errors as application/problem+json); send Accept:"
                + " application/json, or no Accept header.");
        return handleExceptionInternal(e, problem, headers, status, request);
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

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static String route(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI() : "this endpoint";
    }
}
