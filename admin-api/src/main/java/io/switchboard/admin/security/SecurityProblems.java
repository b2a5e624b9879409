package io.switchboard.admin.security;

import io.switchboard.admin.http.ProblemResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The security refusals as RFC 9457 problems that say what to send instead: 401 (no or wrong credentials, with
 * {@code WWW-Authenticate} for Basic and Bearer; failures count against the source address), 403 (the role the
 * endpoint needs), 400 (a URL the firewall refuses) and 503 (the user database does not answer).
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    static final String HOW_TO_LOG_IN = "Send HTTP Basic credentials of a Switchboard user (curl -u name:password)"
            + " or an API token as 'Authorization: Bearer sbt_...'. At the first start the admin's password is"
            + " SWITCHBOARD_ADMIN_PASSWORD, or the file the server's log names.";

    private final LoginThrottle throttle;

    SecurityProblems(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof InternalAuthenticationServiceException) {
            response.setHeader("Retry-After", "5");
            ProblemResponse.send(request, response, ProblemResponse.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "Login unavailable", "The user database did not answer, so the login could not be checked; try"
                            + " again shortly. /actuator/health shows its state."));
            return;
        }
        boolean triedCredentials = !(e instanceof InsufficientAuthenticationException);
        if (triedCredentials) {
            throttle.failed(request.getRemoteAddr());
        }
        // a failed token (a page whose session ended) is challenged for a token only: a Basic challenge would make
        // a browser pop up its own password dialog over the page, which sends the user to its login page instead
        boolean tokenFailed = triedCredentials && isBearer(request);
        if (!tokenFailed) {
            response.addHeader("WWW-Authenticate", "Basic realm=\"Switchboard\", charset=\"UTF-8\"");
        }
        response.addHeader("WWW-Authenticate", tokenFailed
                ? "Bearer realm=\"Switchboard\", error=\"invalid_token\"" : "Bearer realm=\"Switchboard\"");
        ProblemResponse.send(request, response, triedCredentials
                ? ProblemResponse.of(HttpStatus.UNAUTHORIZED, "Login failed",
                        "The user name and password, or the API token, were not accepted. " + HOW_TO_LOG_IN)
                : ProblemResponse.of(HttpStatus.UNAUTHORIZED, "Login required",
                        "Every endpoint but /actuator/health needs a login. " + HOW_TO_LOG_IN));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String name = who == null ? "?" : who.getName();
        String has = who == null ? "" : who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .map(a -> a.replaceFirst("^ROLE_", "").toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
        String needs = ApiAccess.ruleFor(request).map(rule -> rule.roles().stream().map(Role::code)
                .collect(Collectors.joining(" or "))).orElse("another role");
        ProblemDetail problem = ProblemResponse.of(HttpStatus.FORBIDDEN, "Role required",
                request.getMethod() + " " + request.getRequestURI() + " needs the role " + needs + " (admin has"
                        + " every role); '" + name + "' has [" + has + "]. Ask an admin for the role"
                        + " (PUT /api/users/{name}), or use a token that has it.");
        problem.setProperty("requiredRoles", ApiAccess.ruleFor(request).map(r -> Role.codes(r.roles()))
                .orElse(java.util.List.of()));
        ProblemResponse.send(request, response, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        ProblemResponse.send(request, response, ProblemResponse.of(HttpStatus.BAD_REQUEST, "Request rejected",
                "The request was refused before it reached the API (" + e.getMessage() + "). URLs may not hold"
                        + " encoded '/', '\\\\', '.', '%' or ';', '..' segments, or control characters; send a plain"
                        + " path such as /api/flows/hotline/versions, with names of letters, digits, '-' and '_'."));
    }

    private static boolean isBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
