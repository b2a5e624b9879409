package io.switchboard.ivr.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.testing.FakeServiceDesk;
import io.switchboard.ivr.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox delivered by the Camel routes to a real HTTP server standing in for the services, on a real PostgreSQL,
 * with the delays compressed: an outage loses and duplicates nothing, a refusal is a dead letter that a retry
 * delivers after the fix, a lost answer or a lapsed claim (a node killed mid-delivery) creates no second ticket.
 */
class HandoffDeliveryIT {

    private static final TestDatabase DB = TestDatabase.create(HandoffDeliveryIT.class);
    private static final DeliveryPolicy FAST = new DeliveryPolicy(Duration.ofMillis(50), 50, Duration.ofMillis(800),
            1, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(300), 1000);
    private static Database database;
    private static HandoffOutbox outbox;

    private FakeServiceDesk desk;
    private CamelContext camel;

    @BeforeAll
    static void open() {
        database = DB.open();
        outbox = new HandoffOutbox(database.dataSource(), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (desk != null) {
            desk.close();
        }
    }

    private void deliverWith(String name, String type, Map<String, String> options) throws Exception {
        desk = FakeServiceDesk.start();
        IntegrationSettings settings = new IntegrationSettings(name, type, type.equals("webhook")
                ? desk.baseUrl().resolve("/hook") : desk.baseUrl(), "s3cret-" + name, "Voicemail from {caller}",
                Map.of(), options);
        HandoffRoutes routes = new HandoffRoutes(outbox, Map.of(name, TicketServices.of(settings,
                Duration.ofSeconds(2), Clock.systemUTC())), FAST, Clock.systemUTC(),
                new CallSummary(database.dataSource()));
        camel = new DefaultCamelContext();
        camel.addRoutes(routes.errorPolicy());
        camel.addRoutes(routes);
        camel.start();
    }

    private static Handoff add(String integration, String key) {
        return outbox.add(new HandoffRequest(integration, "ticket", "call-" + key, "+34910000000", key,
                Map.of("caller", "+34910000000", "topic", "billing", "call.id", "call-" + key)));
    }

    @Test
    void anOutageLosesNothingAndDuplicatesNothingOnceTheServiceReturns() throws Exception {
        deliverWith("outage", "zendesk", Map.of());
        desk.mode(FakeServiceDesk.Mode.DOWN);
        List<Handoff> during = new ArrayList<>();
        int count = Integer.getInteger("handoff.outage.count", 30); // scripts/bench-handoff-outage.sh sets more
        for (int i = 0; i < count; i++) {
            during.add(add("outage", "outage-" + i));
        }
        // the outage lasts until every hand-off has been tried and put back at least twice
        await(() -> during.stream().allMatch(h -> outbox.find(h.id()).orElseThrow().attempts() >= 2));
        assertThat(during).allMatch(h -> outbox.find(h.id()).orElseThrow().state().matches("pending|sending"));
        assertThat(outbox.find(during.getFirst().id()).orElseThrow().lastError()).contains("503");
        int refused = desk.refusedWhileDown();

        desk.loseAnswers(3); // the first creations after the outage are made but their answers lost
        desk.mode(FakeServiceDesk.Mode.UP);
        await(() -> during.stream().allMatch(h -> outbox.find(h.id()).orElseThrow().state().equals("delivered")));

        Map<String, Integer> created = desk.createdPerKey();
        long delivered = during.stream().filter(h -> created.getOrDefault(h.idempotencyKey(), 0) >= 1).count();
        int duplicates = created.values().stream().mapToInt(n -> n - 1).sum();
        long lost = during.size() - delivered;
        System.out.printf("handoff outage: created during outage %d, refused requests while down %d, delivered after"
                + " %d, duplicates %d, lost %d%n", during.size(), refused, delivered, duplicates, lost);
        assertThat(lost).isZero();
        assertThat(duplicates).isZero();
        assertThat(created).hasSize(during.size());
        for (Handoff h : during) {
            Handoff now = outbox.find(h.id()).orElseThrow();
            assertThat(now.externalId()).isNotBlank();
            assertThat(now.deliveredAt()).isNotNull();
        }
    }

    @Test
    void aRefusalIsADeadLetterWithItsReasonAndARetryAfterTheFixDeliversIt() throws Exception {
        deliverWith("refusing", "zammad", Map.of("group", "Support"));
        desk.mode(FakeServiceDesk.Mode.REFUSE);
        Handoff h = add("refusing", "refused-1");
        await(() -> outbox.find(h.id()).orElseThrow().state().equals("dead"));
        Handoff dead = outbox.find(h.id()).orElseThrow();
        assertThat(dead.lastError()).contains("refused by refusing").contains("POST /api/v1/tickets: 422")
                .contains("Group is invalid").doesNotContain("s3cret");
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(outbox.inState("dead", 10)).extracting(Handoff::id).contains(h.id());
        assertThat(desk.createdPerKey()).isEmpty();

        desk.mode(FakeServiceDesk.Mode.UP); // the fix
        assertThat(outbox.retry(h.id())).isPresent();
        assertThat(outbox.retry(h.id())).as("only a dead letter is retried").isEmpty();
        await(() -> outbox.find(h.id()).orElseThrow().state().equals("delivered"));
        assertThat(desk.createdPerKey()).containsExactly(Map.entry("refused-1", 1));
    }

    @Test
    void aClaimWhoseNodeDiedLapsesAndIsDeliveredOnceByTheNextPass() throws Exception {
        Handoff h = add("lapsed", "lapsed-1");
        // a node claimed it and died before delivering: nothing is running yet
        assertThat(outbox.claim(10, Duration.ofMillis(300))).extracting(Handoff::id).contains(h.id());
        deliverWith("lapsed", "chatwoot", Map.of("account-id", "1", "inbox-id", "7"));
        desk.loseAnswers(1); // and the next one created it but lost the answer
        await(() -> outbox.find(h.id()).orElseThrow().state().equals("delivered"));
        assertThat(desk.createdPerKey()).containsExactly(Map.entry("lapsed-1", 1));
        assertThat(outbox.find(h.id()).orElseThrow().attempts()).isGreaterThanOrEqualTo(2);
        assertThat(desk.received()).extracting(FakeServiceDesk.Received::path)
                .as("the redelivery after the lost answer looked before creating")
                .containsSubsequence("/api/v1/accounts/1/conversations", "/api/v1/accounts/1/contacts/search");
    }

    @Test
    void aHandoffForAnIntegrationNoLongerConfiguredIsDeadWithThatReason() throws Exception {
        deliverWith("present", "webhook", Map.of());
        Handoff h = add("absent", "absent-1");
        await(() -> outbox.find(h.id()).orElseThrow().state().equals("dead"));
        assertThat(outbox.find(h.id()).orElseThrow().lastError())
                .isEqualTo("no integration 'absent' is configured on this server");
    }

    @Test
    void theSameHandoffAskedTwiceIsOneRow() {
        Handoff first = add("twice", "twice-1");
        Handoff second = add("twice", "twice-1");
        assertThat(second.id()).isEqualTo(first.id());
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
