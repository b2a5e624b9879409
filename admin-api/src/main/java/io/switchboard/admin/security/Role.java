package io.switchboard.admin.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a user or token may do. {@code admin} implies every other role. */
public enum Role {
    /** users, tokens, the audit log, and everything below */
    ADMIN,
    /** publishes flows and rolls them back; reads flows */
    DESIGNER,
    /** reads calls and flows */
    SUPERVISOR,
    /** takes calls (the agent issue gives it endpoints) */
    AGENT;

    /** The name in the API and the database: {@code admin}, {@code designer}, … */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }

    /** The role named {@code code}; the exception's message lists the roles there are. */
    public static Role of(String code) {
        for (Role role : values()) {
            if (role.code().equals(code)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + code + "'; roles are " + codes());
    }

    /** The roles named in {@code codes}; at least one. */
    static Set<Role> parse(Collection<String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw new IllegalArgumentException("give at least one role of " + codes());
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String code : codes) {
            roles.add(of(code == null ? "" : code));
        }
        return roles;
    }

    static List<String> codes(Collection<Role> roles) {
        return roles.stream().sorted().map(Role::code).toList();
    }

    static List<GrantedAuthority> authorities(Collection<Role> roles) {
        return roles.stream().sorted().map(Role::authority).toList();
    }

    private static String codes() {
        return Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", "));
    }

    /** admin implies designer, supervisor and agent. */
    static RoleHierarchy hierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role(ADMIN.name())
                .implies(DESIGNER.name(), SUPERVISOR.name(), AGENT.name()).build();
    }
}
