package io.switchboard.admin.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logs a request in by its {@code Authorization: Bearer <token>} header: a live API token makes the request its
 * principal ({@code token:<id>}) with the token's roles; a live page session ({@code sbs_…}) makes it its user's,
 * with the user's roles as they are now; any other bearer value is a failed login (401).
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer ";

    private final ApiTokens tokens;
    private final BrowserSessions sessions;
    private final UserDetailsService users;
    private final AuthenticationEntryPoint refusal;

    BearerTokenFilter(ApiTokens tokens, BrowserSessions sessions, UserDetailsService users,
            AuthenticationEntryPoint refusal) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.users = users;
        this.refusal = refusal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            chain.doFilter(request, response);
            return;
        }
        String secret = header.substring(SCHEME.length()).strip();
        Optional<UsernamePasswordAuthenticationToken> login;
        try {
            login = BrowserSessions.isSession(secret) ? sessionLogin(secret) : tokens.authenticate(secret)
                    .map(t -> UsernamePasswordAuthenticationToken.authenticated(t.principal(), null,
                            Role.authorities(ApiTokens.roles(t))));
        } catch (DataAccessException e) {
            refusal.commence(request, response, new InternalAuthenticationServiceException(e.getMessage(), e));
            return;
        }
        if (login.isEmpty()) {
            SecurityContextHolder.clearContext();
            refusal.commence(request, response, new BadCredentialsException("unknown, revoked or expired token"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(login.get());
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    /** The session's user with their roles now; empty when the session ended or the user was deleted. */
    private Optional<UsernamePasswordAuthenticationToken> sessionLogin(String secret) {
        return sessions.user(secret).flatMap(name -> {
            try {
                UserDetails user = users.loadUserByUsername(name);
                return Optional.of(UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null,
                        user.getAuthorities()));
            } catch (UsernameNotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
