package io.switchboard.admin.security;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who may call the API: users (HTTP Basic) and API tokens (Bearer) from PostgreSQL, roles per endpoint
 * ({@link ApiAccess}), failed logins slowed per address, every refusal a problem. Stateless: no HTTP session, no
 * cookie, so no CSRF token either (a browser never sends these credentials on its own); the pages log in for a
 * session token ({@link BrowserSessions}) they send as a bearer header themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return Role.hierarchy();
    }

    @Bean
    AuditLog auditLog(DataSource dataSource) {
        return new AuditLog(JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), Clock.systemUTC());
    }

    /** The users; the first start creates the first admin here, before the server takes requests. */
    @Bean
    ApiUsers apiUsers(DataSource dataSource, PasswordEncoder encoder, AuditLog audit, SecuritySettings settings,
            Environment environment) {
        ApiUsers users = new ApiUsers(JdbcClient.create(dataSource), encoder, Clock.systemUTC());
        // Only the environment holds the password (tests put a property source of the same name in front).
        new FirstAdmin(users, audit, settings).ensure(environment.getProperty(
                SecuritySettings.ADMIN_PASSWORD_VARIABLE));
        return users;
    }

    @Bean
    ApiTokens apiTokens(DataSource dataSource) {
        return new ApiTokens(JdbcClient.create(dataSource), Clock.systemUTC());
    }

    /** The pages' sessions: 8 hours idle at most, 10,000 at once (the longest idle one ends for a new one). */
    @Bean
    BrowserSessions browserSessions() {
        return new BrowserSessions(java.time.Duration.ofHours(8), 10_000, System::nanoTime);
    }

    @Bean
    RecentLogins recentLogins() {
        return new RecentLogins(System::nanoTime);
    }

    @Bean
    LoginThrottle loginThrottle(SecuritySettings settings) {
        return new LoginThrottle(settings, System::nanoTime);
    }

    @Bean
    SecurityProblems securityProblems(LoginThrottle throttle) {
        return new SecurityProblems(throttle);
    }

    /**
     * Health is public and answers the same with or without credentials: a monitor that sends some is not logged in
     * (so a database outage, which health reports, cannot turn its answer into a login error).
     */
    @Bean
    @Order(1)
    SecurityFilterChain health(HttpSecurity http) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/actuator/health/**"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ApiUsers users, PasswordEncoder encoder, RecentLogins recent,
            ApiTokens tokens, LoginThrottle throttle, SecurityProblems problems, BrowserSessions browserSessions)
            throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        passwords.setUserCache(recent);
        http.authenticationManager(new ProviderManager(passwords))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // the pages load only the server's own scripts and styles, and are never framed
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")))
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .httpBasic(basic -> basic.realmName("Switchboard").authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens, browserSessions, users, problems), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> {
                    requests.dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ERROR).permitAll();
                    ApiAccess.apply(requests);
                });
        return http.build();
    }
}
