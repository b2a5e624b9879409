package io.switchboard.admin.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which role each endpoint needs, in one table: the security filter chain enforces it and a 403 quotes it. The first
 * matching rule wins; every path not listed needs a login and no particular role; {@code admin} has every role.
 */
final class ApiAccess {

    /** A rule: requests {@code matcher} accepts need one of {@code roles}; none means public. */
    record Rule(RequestMatcher matcher, List<Role> roles, String describes) {}

    static final List<Rule> RULES = List.of(
            rule(HttpMethod.GET, "/actuator/health/**", List.of()),
            // the pages hold no data: they ask the API for it, as whoever logged in on them
            rule(HttpMethod.GET, "/pages/**", List.of()),
            rule(HttpMethod.POST, "/api/session", List.of()),
            rule(null, "/api/calendars/**", List.of(Role.SUPERVISOR)),
            rule(null, "/api/wallboard/**", List.of(Role.SUPERVISOR)),
            rule(HttpMethod.POST, "/api/flows/**", List.of(Role.DESIGNER)),
            rule(HttpMethod.PUT, "/api/flows/*/live", List.of(Role.DESIGNER)),
            rule(null, "/api/flows/**", List.of(Role.DESIGNER, Role.SUPERVISOR)),
            rule(HttpMethod.POST, "/api/calls/*/follow-up", List.of(Role.AGENT, Role.SUPERVISOR)),
            rule(null, "/api/calls/**", List.of(Role.SUPERVISOR)),
            rule(HttpMethod.PUT, "/api/agents/*/state", List.of(Role.AGENT, Role.SUPERVISOR)),
            rule(HttpMethod.GET, "/api/agents/*/current", List.of(Role.AGENT, Role.SUPERVISOR)),
            rule(HttpMethod.GET, "/api/agents/*/desk/**", List.of(Role.AGENT, Role.SUPERVISOR)),
            rule(null, "/api/agents/**", List.of(Role.SUPERVISOR)),
            rule(null, "/api/queues/**", List.of(Role.SUPERVISOR)),
            rule(null, "/api/queue-log/**", List.of(Role.SUPERVISOR)),
            rule(null, "/api/handoffs/**", List.of(Role.SUPERVISOR)),
            rule(null, "/api/reports/**", List.of(Role.SUPERVISOR)),
            rule(HttpMethod.GET, "/actuator/prometheus", List.of(Role.SUPERVISOR)),
            rule(HttpMethod.PUT, "/api/routing/files/*", List.of(Role.DESIGNER)),
            rule(null, "/api/routing/**", List.of(Role.DESIGNER, Role.SUPERVISOR)),
            rule(null, "/api/users/**", List.of(Role.ADMIN)),
            rule(null, "/api/tokens/**", List.of(Role.ADMIN)),
            rule(null, "/api/audit/**", List.of(Role.ADMIN)));

    private ApiAccess() {}

    private static Rule rule(HttpMethod method, String pattern, List<Role> roles) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher matcher = method == null ? paths.matcher(pattern) : paths.matcher(method, pattern);
        return new Rule(matcher, roles, (method == null ? "" : method.name() + " ") + pattern);
    }

    /** Applies the table, then requires a login for everything else. */
    static void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
        for (Rule rule : RULES) {
            if (rule.roles().isEmpty()) {
                registry.requestMatchers(rule.matcher()).permitAll();
            } else {
                registry.requestMatchers(rule.matcher())
                        .hasAnyRole(rule.roles().stream().map(Role::name).toArray(String[]::new));
            }
        }
        registry.anyRequest().authenticated();
    }

    /** The rule {@code request} falls under, if any. */
    static Optional<Rule> ruleFor(HttpServletRequest request) {
        return RULES.stream().filter(rule -> rule.matcher().matches(request)).findFirst();
    }
}
