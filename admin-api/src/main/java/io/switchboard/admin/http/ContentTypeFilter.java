package io.switchboard.admin.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a {@code Content-Type} that names no type at all (unparseable, or a wildcard such as {@code *}{@code /*})
 * with a 415 problem, before any part of the server tries to read the body by it.
 */
public final class ContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        if (header != null && !header.isBlank() && !concrete(header)) {
            ProblemResponse.send(request, response, ProblemResponse.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported content type", "Content-Type '" + header + "' names no media type; send the"
                            + " body's own type: application/yaml for flows, application/json for users and tokens."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean concrete(String header) {
        try {
            return MediaType.parseMediaType(header).isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
