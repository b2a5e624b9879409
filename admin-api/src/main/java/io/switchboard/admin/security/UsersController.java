package io.switchboard.admin.security;

import io.switchboard.admin.http.ApiRefusal;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users and their roles (admin only); every change is audited in the same transaction. */
@RestController
@RequestMapping("/api/users")
class UsersController {

    private final ApiUsers users;
    private final AuditLog audit;
    private final RecentLogins recent;

    UsersController(ApiUsers users, AuditLog audit, RecentLogins recent) {
        this.users = users;
        this.audit = audit;
        this.recent = recent;
    }

    /** {@code POST /api/users}: a new user. */
    record NewUser(String name, String password, List<String> roles) {}

    /** {@code PUT /api/users/{name}}: a new password, new roles, or both. */
    record UserChange(String password, List<String> roles) {}

    @GetMapping
    List<ApiUsers.ApiUser> all() {
        return users.all();
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<ApiUsers.ApiUser> create(@RequestBody NewUser body) {
        Set<Role> roles = roles(body.roles());
        ApiUsers.ApiUser user;
        try {
            user = audit.inTransaction(() -> {
                ApiUsers.ApiUser created = users.create(body.name(), body.password(), roles);
                audit.record("user.create", created.name(), "roles " + created.roles());
                return created;
            });
        } catch (IllegalArgumentException e) {
            throw ApiRefusal.badRequest("Invalid user", "Send {\"name\", \"password\", \"roles\"}: " + e.getMessage()
                    + ".");
        } catch (DuplicateKeyException e) {
            throw ApiRefusal.of(HttpStatus.CONFLICT, "User exists", "A user '" + body.name() + "' exists already;"
                    + " change it with PUT /api/users/" + body.name() + " or choose another name.");
        }
        return ResponseEntity.created(URI.create("/api/users/" + user.name())).body(user);
    }

    @PutMapping(path = "/{name}", consumes = "application/json")
    ApiUsers.ApiUser update(@PathVariable("name") String name, @RequestBody UserChange body) {
        if (body.password() == null && body.roles() == null) {
            throw ApiRefusal.badRequest("Nothing to change", "Send {\"password\": \"...\"}, {\"roles\": [...]} or"
                    + " both.");
        }
        Set<Role> roles = body.roles() == null ? null : roles(body.roles());
        try {
            return audit.inTransaction(() -> {
                users.lockForChange();
                ApiUsers.ApiUser before = users.find(name).orElseThrow(() -> notFound(name));
                if (roles != null && !roles.contains(Role.ADMIN) && before.roles().contains(Role.ADMIN.code())) {
                    requireAnotherAdmin(name, "take the admin role from");
                }
                ApiUsers.ApiUser after = users.update(name, body.password(), roles).orElseThrow();
                audit.record("user.update", name, (roles == null ? "" : "roles " + after.roles())
                        + (roles != null && body.password() != null ? ", " : "")
                        + (body.password() == null ? "" : "password changed"));
                recent.removeUserFromCache(name);
                return after;
            });
        } catch (IllegalArgumentException e) {
            throw ApiRefusal.badRequest("Invalid user change", e.getMessage() + ".");
        }
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable("name") String name) {
        audit.inTransaction(() -> {
            users.lockForChange();
            ApiUsers.ApiUser user = users.find(name).orElseThrow(() -> notFound(name));
            if (user.roles().contains(Role.ADMIN.code())) {
                requireAnotherAdmin(name, "delete");
            }
            users.delete(name);
            audit.record("user.delete", name, "");
            recent.removeUserFromCache(name);
            return null;
        });
        return ResponseEntity.noContent().build();
    }

    private void requireAnotherAdmin(String name, String what) {
        if (users.admins() <= 1) {
            throw ApiRefusal.of(HttpStatus.CONFLICT, "Last admin", "'" + name + "' is the only admin; give another"
                    + " user the admin role first, then " + what + " '" + name + "'.");
        }
    }

    static Set<Role> roles(List<String> codes) {
        try {
            return Role.parse(codes);
        } catch (IllegalArgumentException e) {
            throw ApiRefusal.badRequest("Invalid roles", "Send \"roles\" as a list, e.g. [\"designer\"]: "
                    + e.getMessage() + ".");
        }
    }

    private static RuntimeException notFound(String name) {
        return ApiRefusal.of(HttpStatus.NOT_FOUND, "User not found", "No user '" + name + "'. GET /api/users lists"
                + " the users.");
    }
}
