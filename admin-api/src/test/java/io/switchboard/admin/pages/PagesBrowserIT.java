package io.switchboard.admin.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.AcdSite;
import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.admin.TestServer.Login;
import io.switchboard.ivr.testing.TestDatabase;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedAgent;
import io.switchboard.simulator.SimulatedAgents;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pages in a real headless Chromium against a whole server (real PostgreSQL, SIP on loopback): a supervisor sees
 * a caller appear on the wallboard and leave when answered; an agent's page shows the ringing call's context; a
 * designer rolls a flow back from the flows page; a supervisor closes a calendar and the next call takes the closed
 * branch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserIT {

    private static final TestDatabase DB = TestDatabase.create(PagesBrowserIT.class);
    private static final Path SITE = PagesSite.create();
    private static final String PHONE_PASSWORD = "phone-password-1";

    @LocalServerPort
    int port;

    @Autowired
    SwitchboardProperties properties;

    private Browser browser;
    private SimulatedCaller callers;
    private SimulatedAgents phones;
    private Login.Basic supervisor;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
        AcdSite.register(registry, SITE);
        registry.add("switchboard.flows.numbers.300", () -> "queued");
        registry.add("switchboard.flows.numbers.301", () -> "hello");
        registry.add("switchboard.flows.numbers.302", () -> "personal");
        registry.add("switchboard.flows.default", () -> "queued");
        registry.add("switchboard.flows.watch", () -> "false");
        registry.add("switchboard.routing.dir", () -> SITE.resolve("no-routing").toString());
        registry.add("switchboard.pages.live-connections-per-user", () -> "3");
        registry.add("switchboard.pages.heartbeat", () -> "1s");
    }

    @BeforeAll
    void startBrowser() {
        browser = new Browser(port);
        supervisor = (Login.Basic) TestServer.createUser(port, "wall-sup", "supervisor");
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void startPhones() throws IOException {
        PromptLibrary prompts = PromptLibrary.load(properties.prompts().dir());
        callers = new SimulatedCaller(prompts, SimulatedCaller.Options.defaults());
        phones = AcdSite.phones(properties, prompts, Duration.ofMillis(300), Duration.ofSeconds(2));
    }

    @AfterEach
    void stopPhones() {
        phones.close();
        callers.close();
    }

    @Test
    void aCallerAppearsOnTheWallboardWhileWaitingAndLeavesWhenAnswered() throws Exception {
        SimulatedAgent phone = agent("7001", "general");
        TestServer.setAgentState(port, supervisor, "7001", "{\"state\": \"not-ready\", \"reason\": \"break\"}");
        browser.open(supervisor, "/pages/wallboard.html");
        browser.await("#agents tr[data-agent='7001']");
        browser.awaitText("#live-status", "live");

        long dialled = System.nanoTime();
        CallSession call = callers.dial(uri("300"), "5557001");
        browser.await("#waiting tr[data-caller='5557001']");
        long shownMillis = (System.nanoTime() - dialled) / 1_000_000;
        browser.awaitText("#queues tr[data-queue='general'] .waiting-count", "1");
        // reported, never asserted: from the INVITE to the row on the page (the flow's steps and the queue's entry
        // included)
        System.out.printf("wallboard: caller shown %d ms after dialling%n", shownMillis);

        TestServer.setAgentState(port, supervisor, "7001", "{\"state\": \"available\"}");
        call.awaitPrompt("agent-greeting", Browser.PATIENCE);
        browser.awaitGone("#waiting tr[data-caller='5557001']");
        browser.awaitText("#queues tr[data-queue='general'] .waiting-count", "0");
        assertThat(phone.answered()).hasSize(1);
        call.awaitEnded(Browser.PATIENCE);

        // the day's charts come from GET /api/reports/queues: the general queue's hour has a point now
        browser.open(supervisor, "/pages/wallboard.html");
        browser.await("#chart-wait svg polyline");
        assertThat(text("#chart-wait svg")).contains("general");
        browser.await("#chart-abandoned svg");
    }

    @Test
    void theAgentPageShowsTheRingingCallsContextAndItsButtonsChangeTheState() throws Exception {
        SimulatedAgent phone = agent("7002", "personal");
        phone.behave(SimulatedAgent.Behaviour.IGNORE);
        Login.Basic agentLogin = (Login.Basic) TestServer.createUser(port, "7002", "agent");
        CallSession earlier = callers.dial(uri("301"), "5557002");
        earlier.awaitEnded(Browser.PATIENCE);

        browser.open(agentLogin, "/pages/agent.html");
        browser.awaitText("#live-status", "live");
        browser.await("#go-available").click();
        browser.awaitText("#state", "available");

        CallSession call = callers.dial(uri("302"), "5557002");
        browser.awaitText("#call-caller", "5557002");
        assertThat(text("#call-queue")).isEqualTo("personal");
        assertThat(text("[data-context='Account-Id'] td")).isEqualTo("A-1001");
        assertThat(text("[data-context='Topic'] td")).isEqualTo("internet");
        assertThat(text("#call-path")).contains("wait");
        assertThat(browser.await("#earlier li").getText()).contains("hello");
        assertThat(text("#call h2")).isEqualTo("Ringing call");

        call.hangup();
        browser.await("#no-call");
        browser.await("#go-logged-out").click();
        browser.awaitText("#state", "logged-out");
        assertThat(TestServer.get(port, "/api/agents/7002", supervisor).json().get("state").get("activity")
                .stringValue()).isEqualTo("LOGGED_OUT");
    }

    @Test
    void aDesignerRollsAFlowBackFromTheFlowsPage() {
        TestServer.Reply published = TestServer.send(port, "POST", "/api/flows/hello/versions?note=louder",
                "application/yaml", PagesSite.hello("welcome"), Login.ADMIN);
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        int newest = published.json().get("version").intValue();
        Login.Basic designer = (Login.Basic) TestServer.createUser(port, "flow-designer", "designer");

        browser.open(designer, "/pages/flows.html#hello");
        browser.await("#versions tr[data-version='" + newest + "'].live");
        browser.await("#show-diff").click();
        assertThat(browser.await("#diff .add").getText()).isEqualTo("+     play: [welcome]");
        assertThat(text("#diff .del")).isEqualTo("-     play: [goodbye]");
        assertThat(browser.await("#flow-graph g[data-step='greet']").getText()).contains("greet", "play");
        assertThat(browser.has("#flow-graph line[data-edge='greet->bye']")).isTrue();

        browser.await("button[data-make-live='" + (newest - 1) + "']").click();
        browser.await("#versions tr[data-version='" + (newest - 1) + "'].live");
        browser.awaitText("#flows tr[data-flow='hello'] .live-version", String.valueOf(newest - 1));
        assertThat(TestServer.get(port, "/api/flows", Login.ADMIN).json().valueStream()
                .filter(f -> f.get("id").stringValue().equals("hello")).findFirst().orElseThrow()
                .get("liveVersion").intValue()).isEqualTo(newest - 1);
        assertThat(TestServer.get(port, "/api/audit", Login.ADMIN).body()).contains("\"actor\":\"flow-designer\"",
                "\"action\":\"flow.live\"");

        // publishing from the page: the live version's YAML is there to edit; a broken one is refused at its line
        browser.awaitValue("#publish-yaml", "flow: hello");
        var yaml = browser.await("#publish-yaml");
        yaml.clear();
        yaml.sendKeys("flow: hello\nstart: nowhere\nsteps:\n  greet: {hangup: {}}\n");
        browser.await("#publish").click();
        assertThat(browser.await("#publish-result .error").getText()).isNotEmpty();
        assertThat(text("#publish-result")).contains("hello.yaml:2:");
        yaml.clear();
        yaml.sendKeys(PagesSite.hello("welcome").replace("next: bye", "next: bye   # from the page"));
        browser.await("#publish-note").sendKeys("edited on the page");
        browser.await("#publish").click();
        browser.awaitText("#publish-result", "Published v" + (newest + 1));
        browser.await("#versions tr[data-version='" + (newest + 1) + "'].live");
        assertThat(TestServer.get(port, "/api/flows/hello/versions", Login.ADMIN).body())
                .contains("edited on the page");
    }

    @Test
    void aSupervisorClosesTheCalendarAndTheNextCallTakesTheClosedBranch() throws Exception {
        browser.open(supervisor, "/pages/wallboard.html");
        try {
            browser.await("#calendars tr[data-calendar='desk'] button[data-switch='closed-now']").click();
            browser.awaitText("#calendars tr[data-calendar='desk'] .calendar-now", "closed");
            CallSession call = callers.dial(uri("300"), "5557003");
            call.awaitPrompt("closed", Browser.PATIENCE);
            call.awaitEnded(Browser.PATIENCE);
            assertThat(call.heardNames()).doesNotContain("hold-music");
            assertThat(TestServer.get(port, "/api/audit", Login.ADMIN).body()).contains("\"actor\":\"wall-sup\"",
                    "\"action\":\"calendar.switch\"", "\"detail\":\"closed-now\"");

            browser.await("#calendars tr[data-calendar='desk'] button[data-switch='none']").click();
            browser.awaitText("#calendars tr[data-calendar='desk'] .calendar-now", "open");
            CallSession after = callers.dial(uri("300"), "5557004");
            after.awaitPrompt("hold-music", Browser.PATIENCE);
            after.hangup();
        } finally {
            TestServer.send(port, "PUT", "/api/calendars/desk", "application/json", "{\"state\": \"none\"}",
                    Login.ADMIN);
        }
    }

    @Test
    void everyPageShowsEachRoleOnlyWhatItMaySee() throws Exception {
        createAgent("7009", "general");
        Login.Basic agentLogin = (Login.Basic) TestServer.createUser(port, "7009", "agent");
        Login.Basic designer = (Login.Basic) TestServer.createUser(port, "matrix-designer", "designer");
        Login.Basic admin = new Login.Basic(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD);

        browser.logOutEverywhere();
        for (String page : new String[] {"wallboard", "agent", "flows"}) {
            browser.go("/pages/" + page + ".html");
            browser.until(d -> d.getCurrentUrl().contains("/pages/login.html?next="));
        }
        for (Login.Basic who : new Login.Basic[] {admin, supervisor, designer, agentLogin}) {
            boolean supervises = who == admin || who == supervisor;
            boolean designs = who == admin || who == designer;
            browser.open(who, "/pages/wallboard.html");
            if (supervises) {
                browser.await("#queues tr[data-queue='general']");
            } else {
                assertThat(browser.await("#refused").getText()).contains("Not allowed", "supervisor");
                assertThat(browser.has("#queues")).isFalse();
            }
            assertThat(browser.has("#nav-wallboard")).isEqualTo(supervises);
            assertThat(browser.has("#nav-flows")).isEqualTo(supervises || designs);

            browser.go("/pages/agent.html?id=7009");
            if (who == designer) {
                assertThat(browser.await("#refused").getText()).contains("Not allowed");
                assertThat(browser.has("#call")).isFalse();
            } else {
                browser.awaitText("#state", "logged-out");
            }

            browser.go("/pages/flows.html#hello");
            if (who == agentLogin) {
                assertThat(browser.await("#refused").getText()).contains("Not allowed", "designer");
                assertThat(browser.has("#flows")).isFalse();
            } else {
                browser.await("#versions tr[data-version]");
                assertThat(browser.has("button[data-make-live]")).as("rollback buttons for %s", who.user())
                        .isEqualTo(designs && browser.has("#versions tr[data-version]:not(.live)"));
                assertThat(browser.await("#read-only").isDisplayed()).isEqualTo(!designs);
            }
        }
    }

    @Test
    void aPageSessionIsABearerTokenThatEndsAtLogoutAndWithItsUser() {
        TestServer.Reply refused = TestServer.send(port, "POST", "/api/session", "application/json",
                "{\"name\": \"wall-sup\", \"password\": \"wrong\"}", Login.ANONYMOUS);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("title").stringValue()).isEqualTo("Login failed");
        assertThat(refused.headerValues("Set-Cookie")).isEmpty();

        Login.Basic shortLived = (Login.Basic) TestServer.createUser(port, "short-lived", "supervisor");
        Login.Bearer session = session(shortLived);
        TestServer.Reply who = TestServer.get(port, "/api/session", session);
        assertThat(who.json().get("user").stringValue()).isEqualTo("short-lived");
        assertThat(who.json().get("roles").get(0).stringValue()).isEqualTo("supervisor");
        assertThat(TestServer.get(port, "/api/wallboard", session).status()).isEqualTo(200);
        assertThat(TestServer.get(port, "/api/users", session).status()).as("a supervisor's session is a supervisor")
                .isEqualTo(403);

        assertThat(TestServer.send(port, "DELETE", "/api/session", null, null, session).status()).isEqualTo(204);
        TestServer.Reply ended = TestServer.get(port, "/api/wallboard", session);
        assertThat(ended.status()).isEqualTo(401);
        assertThat(ended.headerValues("WWW-Authenticate")).as("no Basic challenge: no browser password dialog")
                .containsExactly("Bearer realm=\"Switchboard\", error=\"invalid_token\"");

        Login.Bearer again = session(shortLived);
        assertThat(TestServer.send(port, "DELETE", "/api/users/short-lived", null, null, Login.ADMIN).status())
                .isEqualTo(204);
        assertThat(TestServer.get(port, "/api/wallboard", again).status()).as("the user is gone").isEqualTo(401);
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a guard against a stream that never speaks, not a measure
    void theLiveFeedSendsSnapshotsAndHeartbeatsAndBoundsEachUsersConnections() throws Exception {
        Login.Bearer session = session((Login.Basic) TestServer.createUser(port, "live-sup", "supervisor"));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/wallboard/live"))
                .header("Authorization", session.authorization()).build();
        List<HttpResponse<java.util.stream.Stream<String>>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(http.send(live, HttpResponse.BodyHandlers.ofLines()));
                assertThat(open.get(i).statusCode()).isEqualTo(200);
                assertThat(open.get(i).headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            }
            HttpResponse<String> fourth = http.send(live, HttpResponse.BodyHandlers.ofString());
            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(fourth.body()).contains("Too many live connections", "at most 3");

            // first the snapshot, then (the board being quiet) heartbeats every second
            var lines = open.get(0).body().iterator();
            assertThat(lines.next()).isEqualTo("event:snapshot");
            assertThat(lines.next()).startsWith("data:{\"queues\":[{\"queue\":\"general\"");
            int read = 0;
            String line = lines.next();
            while (!line.startsWith(":") && read++ < 300) { // a change elsewhere may push a snapshot or two first
                line = lines.next();
            }
            assertThat(line).isEqualTo(":heartbeat");
        } finally {
            open.forEach(r -> r.body().close());
        }
    }

    private Login.Bearer session(Login.Basic login) {
        TestServer.Reply opened = TestServer.send(port, "POST", "/api/session", "application/json",
                "{\"name\": \"" + login.user() + "\", \"password\": \"" + login.password() + "\"}",
                Login.ANONYMOUS);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String token = opened.json().get("token").stringValue();
        assertThat(token).startsWith("sbs_");
        return new Login.Bearer(token);
    }

    private String text(String css) {
        return browser.await(css).getText();
    }

    private String uri(String number) {
        return "sip:" + number + "@127.0.0.1:" + properties.sip().port();
    }

    private void createAgent(String id, String queue) {
        TestServer.Reply reply = TestServer.send(port, "POST", "/api/agents", "application/json", """
                {"id": "%s", "name": "Agent %s", "password": "%s", "queues": {"%s": 1}}"""
                .formatted(id, id, PHONE_PASSWORD, queue), supervisor);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    /** Creates agent {@code id} serving {@code queue} and registers a simulated phone for it. */
    private SimulatedAgent agent(String id, String queue) {
        createAgent(id, queue);
        SimulatedAgent phone = phones.add(id, PHONE_PASSWORD);
        assertThat(phone.awaitRegistration(SimulatedAgent.Registration.REGISTERED, Duration.ofSeconds(10))).isTrue();
        return phone;
    }
}
