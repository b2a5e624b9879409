package io.switchboard.admin.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Keeps the API's four descriptions in agreement with the routes the server serves (its {@code @RestController}s
 * and the actuator endpoints application.properties exposes): the OpenAPI document, the README's "HTTP API" table,
 * {@code ApiProblems.ROUTES} (the 404 problem's list) and {@code ApiAccess.RULES} (who may call what). A new endpoint
 * without its documentation fails here, with a message saying what to add where.
 */
class ApiDocumentationTest {

    private static final Pattern ROUTE = Pattern.compile("(GET|POST|PUT|DELETE|PATCH)((?:\\|(?:GET|POST|PUT|DELETE"
            + "|PATCH))*) (/[^\\s`?,]*)");

    @Test
    void everyRouteIsDescribedEverywhereAndNothingElseIs() throws Exception {
        Set<String> served = served();
        Map<String, Set<String>> described = new TreeMap<>();
        described.put("admin-api/src/main/resources/openapi.yaml (under paths: the path, then the method in lower"
                + " case, with summary and x-roles)", openApi());
        described.put("README.md, section \"## HTTP API\" (a row | `GET /api/…` | role | what it does |)", readme());
        described.put("ApiProblems.ROUTES in admin-api/src/main/java/io/switchboard/admin/api/ApiProblems.java (and"
                + " the same text in CallsApiIT.unknownEndpointsGetAProblemListingTheRoutes)", routesText());
        List<String> problems = new ArrayList<>();
        described.forEach((where, routes) -> {
            for (String route : served) {
                if (!routes.contains(route)) {
                    problems.add(route + " is served but missing from " + where);
                }
            }
            for (String route : routes) {
                if (!served.contains(route)) {
                    problems.add(route + " is in " + where + " but the server has no such route (remove it, or"
                            + " add the endpoint)");
                }
            }
        });
        for (String route : served) {
            if (!ANY_LOGIN.contains(route) && !hasAccessRule(route)) {
                problems.add(route + " has no rule in ApiAccess.RULES (admin-api/src/main/java/io/switchboard/admin/"
                        + "security/ApiAccess.java): add rule(HttpMethod, \"/api/…\", List.of(Role…)) naming the"
                        + " roles it needs, and a row in AccessMatrixIT.ENDPOINTS");
            }
        }
        assertThat(problems).as("the API's descriptions disagree with its routes:\n  " + String.join("\n  ",
                problems)).isEmpty();
        assertThat(served).as("the scan found the server's controllers").contains("GET /api/calls",
                "GET /api/reports/queues", "GET /actuator/prometheus", "GET /actuator/health");
    }

    /** Routes any logged-in user may use: ApiAccess's last line (a login for everything else) covers them. */
    private static final Set<String> ANY_LOGIN = Set.of("GET /api/openapi.yaml", "GET /api/session",
            "DELETE /api/session");

    /** Method and path of every route the server serves, path variables as {}. */
    static Set<String> served() throws IOException {
        Set<String> out = new TreeSet<>();
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        for (BeanDefinition bean : scan.findCandidateComponents("io.switchboard.admin")) {
            Class<?> type;
            try {
                type = Class.forName(bean.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(type, RequestMapping.class);
            String prefix = base == null || base.path().length == 0 ? "" : base.path()[0];
            for (Method m : type.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(m, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                String[] paths = mapping.path().length == 0 ? new String[] {""} : mapping.path();
                for (String path : paths) {
                    for (RequestMethod method : mapping.method()) {
                        out.add(method.name() + " " + normal(prefix + path));
                    }
                }
            }
        }
        out.removeIf(route -> !route.contains(" /api/"));
        Properties app = new Properties();
        try (var in = ApiDocumentationTest.class.getResourceAsStream("/application.properties")) {
            app.load(in);
        }
        for (String endpoint : app.getProperty("management.endpoints.web.exposure.include").split(",")) {
            out.add("GET /actuator/" + endpoint.strip());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Set<String> openApi() throws IOException {
        String text;
        try (var in = ApiDocumentationTest.class.getResourceAsStream(OpenApiController.DOCUMENT)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<String, Object> document = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(text);
        Set<String> out = new TreeSet<>();
        ((Map<String, Object>) document.get("paths")).forEach((path, operations) -> {
            for (String method : ((Map<String, Object>) operations).keySet()) {
                out.add(method.toUpperCase(java.util.Locale.ROOT) + " " + normal(path));
            }
        });
        return out;
    }

    static Set<String> readme() throws IOException {
        List<String> lines = Files.readAllLines(repository().resolve("README.md"));
        Set<String> out = new TreeSet<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## HTTP API");
                continue;
            }
            if (inSection && line.startsWith("| `")) {
                String firstCell = line.substring(1, line.indexOf('|', 1));
                Matcher m = Pattern.compile("`" + ROUTE.pattern()).matcher(firstCell);
                while (m.find()) {
                    addRoutes(out, m);
                }
            }
        }
        return out;
    }

    static Set<String> routesText() throws ReflectiveOperationException {
        Field f = Class.forName("io.switchboard.admin.api.ApiProblems").getDeclaredField("ROUTES");
        f.setAccessible(true);
        Set<String> out = new TreeSet<>();
        Matcher m = ROUTE.matcher((String) f.get(null));
        while (m.find()) {
            addRoutes(out, m);
        }
        return out;
    }

    private static void addRoutes(Set<String> out, Matcher m) {
        String path = normal(m.group(3));
        out.add(m.group(1) + " " + path);
        for (String more : m.group(2).split("\\|")) {
            if (!more.isEmpty()) {
                out.add(more + " " + path);
            }
        }
    }

    static boolean hasAccessRule(String route) throws ReflectiveOperationException {
        Field f = Class.forName("io.switchboard.admin.security.ApiAccess").getDeclaredField("RULES");
        f.setAccessible(true);
        String[] parts = route.split(" ", 2);
        MockHttpServletRequest request = new MockHttpServletRequest(parts[0], parts[1].replace("{}", "x1"));
        for (Object rule : (List<?>) f.get(null)) {
            Method matcher = rule.getClass().getDeclaredMethod("matcher");
            matcher.setAccessible(true);
            if (((RequestMatcher) matcher.invoke(rule)).matches(request)) {
                return true;
            }
        }
        return false;
    }

    /** {@code /api/agents/{id}} and {@code /api/agents/{name}} are one route. */
    private static String normal(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    /** The repository's root (where {@code mvnw} is), above the module the tests run in. */
    static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
