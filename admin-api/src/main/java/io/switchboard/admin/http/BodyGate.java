package io.switchboard.admin.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets only so many requests with a body (the ones that parse and compile flows) run at once; the next one gets a
 * 503 problem with {@code Retry-After} instead of waiting for memory and CPU that calls need.
 */
public final class BodyGate extends OncePerRequestFilter {

    static final int RETRY_AFTER_SECONDS = 1;

    private final Semaphore permits;
    private final int size;

    public BodyGate(HttpLimits limits) {
        this.size = limits.maxConcurrentBodies();
        this.permits = new Semaphore(size);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!permits.tryAcquire()) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            response.setHeader("Connection", "close");
            ProblemDetail problem = ProblemResponse.of(HttpStatus.SERVICE_UNAVAILABLE, "Too many uploads at once",
                    "The server reads at most " + size + " request bodies at a time"
                            + " (switchboard.http.max-concurrent-bodies); send this one again after "
                            + RETRY_AFTER_SECONDS + " s.");
            problem.setProperty("retryAfterSeconds", RETRY_AFTER_SECONDS);
            ProblemResponse.send(request, response, problem);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
