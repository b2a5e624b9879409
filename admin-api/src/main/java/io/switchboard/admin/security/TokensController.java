package io.switchboard.admin.security;

import io.switchboard.admin.http.ApiRefusal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API tokens (admin only): issued with their secret shown once, listed without it, revoked. Audited. */
@RestController
@RequestMapping("/api/tokens")
class TokensController {

    private final ApiTokens tokens;
    private final AuditLog audit;

    TokensController(ApiTokens tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    /** {@code POST /api/tokens}: what the token is for, and its roles. */
    record NewToken(String label, List<String> roles) {}

    /** The one answer that holds the secret. */
    record IssuedToken(String id, String label, List<String> roles, String createdBy, Instant createdAt,
            String token, String note) {}

    @PostMapping(consumes = "application/json")
    ResponseEntity<IssuedToken> issue(@RequestBody NewToken body, Authentication who) {
        Set<Role> roles = UsersController.roles(body.roles());
        ApiTokens.Issued issued;
        try {
            issued = audit.inTransaction(() -> {
                ApiTokens.Issued created = tokens.issue(body.label(), roles, who.getName());
                audit.record("token.create", created.token().id(), "'" + created.token().label() + "', roles "
                        + created.token().roles());
                return created;
            });
        } catch (IllegalArgumentException e) {
            throw ApiRefusal.badRequest("Invalid token request", "Send {\"label\", \"roles\"}: " + e.getMessage()
                    + ".");
        }
        ApiTokens.ApiToken t = issued.token();
        return ResponseEntity.created(URI.create("/api/tokens/" + t.id())).body(new IssuedToken(t.id(), t.label(),
                t.roles(), t.createdBy(), t.createdAt(), issued.secret(),
                "This is the only time the token is shown; store it now. Send it as 'Authorization: Bearer <token>'."));
    }

    @GetMapping
    List<ApiTokens.ApiToken> all() {
        return tokens.all();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable("id") String id) {
        boolean found = audit.inTransaction(() -> {
            boolean exists = tokens.revoke(id);
            if (exists) {
                audit.record("token.revoke", id, "");
            }
            return exists;
        });
        if (!found) {
            throw ApiRefusal.of(HttpStatus.NOT_FOUND, "Token not found", "No token '" + id + "'. GET /api/tokens"
                    + " lists the tokens with their ids.");
        }
        return ResponseEntity.noContent().build();
    }
}
