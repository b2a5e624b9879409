package io.switchboard.admin.security;

import io.switchboard.admin.http.ApiRefusal;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pages' login: {@code POST /api/session} with a user's name and password opens a session and answers its token
 * (failures count against the address like any login); {@code GET /api/session} says who is logged in and with which
 * roles (the pages show only what those roles may see); {@code DELETE /api/session} logs out.
 */
@RestController
@RequestMapping("/api/session")
class SessionController {

    private final ApiUsers users;
    private final PasswordEncoder encoder;
    private final BrowserSessions sessions;
    private final LoginThrottle throttle;
    /** Compared against when the user does not exist, so a wrong name costs as long as a wrong password. */
    private final String noUser;

    SessionController(ApiUsers users, PasswordEncoder encoder, BrowserSessions sessions, LoginThrottle throttle) {
        this.users = users;
        this.encoder = encoder;
        this.sessions = sessions;
        this.throttle = throttle;
        this.noUser = encoder.encode(java.util.UUID.randomUUID().toString());
    }

    /** {@code POST /api/session}. */
    record Credentials(String name, String password) {
        @Override
        public String toString() {
            return "Credentials[name=" + name + "]";
        }
    }

    /** Who is logged in. */
    record Who(String user, List<String> roles) {}

    /** A session just opened. */
    record Opened(String user, List<String> roles, String token) {}

    @PostMapping(consumes = "application/json")
    ResponseEntity<Opened> open(@RequestBody Credentials body, HttpServletRequest request) {
        String address = request.getRemoteAddr();
        Duration wait = throttle.waitFor(address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw ApiRefusal.of(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins", "Logins from " + address
                    + " failed too often; try again in " + seconds + " s.");
        }
        String name = body.name() == null ? "" : body.name().strip();
        String password = body.password() == null ? "" : body.password();
        if (name.isEmpty() || password.isEmpty() || name.length() > 200 || password.length() > 1000) {
            throw ApiRefusal.badRequest("Invalid login", "Send {\"name\": \"…\", \"password\": \"…\"}: a user"
                    + " name of at most 200 characters and a password of at most 1000.");
        }
        UserDetails user = null;
        try {
            user = users.loadUserByUsername(name);
        } catch (UsernameNotFoundException e) {
            user = null;
        }
        boolean matches = encoder.matches(password, user == null ? noUser : user.getPassword());
        if (user == null || !matches) {
            throttle.failed(address);
            throw ApiRefusal.of(HttpStatus.UNAUTHORIZED, "Login failed", "The user name and password were not"
                    + " accepted. Send {\"name\", \"password\"} of a Switchboard user.");
        }
        throttle.succeeded(address);
        String token = sessions.open(user.getUsername());
        return ResponseEntity.status(HttpStatus.CREATED).body(new Opened(user.getUsername(), roles(user
                .getAuthorities()), token));
    }

    @GetMapping
    Who who(Authentication who) {
        return new Who(who.getName(), roles(who.getAuthorities()));
    }

    @DeleteMapping
    ResponseEntity<Void> close(@RequestHeader(name = "Authorization", required = false) String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            sessions.close(authorization.substring(7).strip());
        }
        return ResponseEntity.noContent().build();
    }

    private static List<String> roles(java.util.Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5).toLowerCase(java.util.Locale.ROOT)).sorted().toList();
    }
}
