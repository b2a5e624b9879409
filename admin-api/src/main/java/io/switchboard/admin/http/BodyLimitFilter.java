package io.switchboard.admin.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body: a declared {@code Content-Length} over the limit is refused before a byte is read, and a
 * chunked body is counted as it streams and cut off once it passes the limit. Either way the client gets a 413
 * problem, and the connector closes the connection rather than read the rest.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {

    private final long limit;

    public BodyLimitFilter(HttpLimits limits) {
        this.limit = limits.maxBodySize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            response.setHeader("Connection", "close");
            ProblemResponse.send(request, response, tooLarge(limit));
            return;
        }
        try {
            chain.doFilter(new CountedRequest(request, limit), response);
        } catch (IOException | ServletException | RuntimeException e) {
            BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
            if (tooLarge == null) {
                throw e;
            }
            response.setHeader("Connection", "close");
            ProblemResponse.send(request, response, tooLarge(limit));
        }
    }

    /** The 413 problem for a body over {@code limit} bytes. */
    public static ProblemDetail tooLarge(long limit) {
        ProblemDetail problem = ProblemResponse.of(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "Request bodies are limited to " + limit + " bytes (switchboard.http.max-body-size); send a smaller"
                        + " body, for example one flow file per request.");
        problem.setProperty("limit", limit);
        return problem;
    }

    /** The request with its body stream counted. */
    private static final class CountedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream counted;

        CountedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountedStream(super.getInputStream(), limit);
            }
            return counted;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    /** A body stream that fails once more than {@code limit} bytes have come through. */
    private static final class CountedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
