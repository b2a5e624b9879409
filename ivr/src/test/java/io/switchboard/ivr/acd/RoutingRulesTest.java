package io.switchboard.ivr.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.ReloadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules loaded, reloaded, published and refused as the server runs them; the rules in force keep routing. */
class RoutingRulesTest {

    private static final String SPANISH_FIRST = """
            package routing;
            import io.switchboard.routing.facts.*;
            rule "language-must-match"
            when
                $c : WaitingCall(language != null)
            then
                insertLogical(new NeedsLanguage($c, $c.language()));
            end
            """;
    private static final String ANYONE = """
            package routing;
            import io.switchboard.routing.facts.*;
            rule "anyone"
            when
                $c : WaitingCall()
            then
                insertLogical(new GoesAhead($c, 1));
            end
            """;
    private static final String BROKEN = """
            package routing;
            import io.switchboard.routing.facts.*;
            rule "broken"
            when
                $c : WaitingCall(colour == "red")
            then
            end
            """;

    private final Clock clock = Clock.systemUTC();

    @TempDir
    Path dir;

    private List<String> route(RoutingRules rules) {
        Router router = new RulesRouter(rules::current, new LongestIdleRouter(), clock);
        var call = new WaitingCall("c1", "general", 0, Instant.now().minusSeconds(1), 1, Map.of(), 0, "", "es",
                Map.of());
        var english = new OfferableAgent("1001", Map.of("general", 1), Map.of(), Instant.EPOCH, "sip:1001@h",
                Set.of("en"), "", 0);
        return router.route(List.of(call), List.of(english)).stream().map(a -> a.agent().agentId()).toList();
    }

    @Test
    void aPublishedFileIsCheckedFirstAndABrokenOneIsRefusedWithItsLineWhileThePreviousRulesKeepRouting()
            throws Exception {
        Files.writeString(dir.resolve("hotline.drl"), SPANISH_FIRST);
        try (RoutingRules rules = RoutingRules.open(dir, clock, Duration.ZERO).orElseThrow()) {
            String version = rules.status().inForce().orElseThrow().version();
            assertThat(route(rules)).as("an English speaker may not take a Spanish call").isEmpty();

            ReloadResult refused = rules.publish("hotline.drl", BROKEN);
            assertThat(refused.loaded()).isFalse();
            assertThat(refused.diagnostics()).extracting(Object::toString)
                    .anySatisfy(d -> assertThat(d).startsWith("hotline.drl:5"));
            assertThat(Files.readString(dir.resolve("hotline.drl"))).isEqualTo(SPANISH_FIRST);
            assertThat(rules.status().inForce().orElseThrow().version()).isEqualTo(version);
            assertThat(route(rules)).isEmpty();

            ReloadResult loaded = rules.publish("hotline.drl", ANYONE);
            assertThat(loaded.loaded()).isTrue();
            assertThat(loaded.version()).isNotEqualTo(version);
            assertThat(route(rules)).as("the new rules decide the next decision").containsExactly("1001");
        }
    }

    @Test
    void aFileChangedOnDiskIsReloadedAndABrokenOneLeavesTheRulesInForceWithTheRefusalShown() throws Exception {
        Files.writeString(dir.resolve("hotline.drl"), SPANISH_FIRST);
        try (RoutingRules rules = RoutingRules.open(dir, clock, Duration.ofMillis(50)).orElseThrow()) {
            Files.writeString(dir.resolve("hotline.drl"), BROKEN);
            Instant deadline = Instant.now().plusSeconds(20);
            while (rules.status().lastRefusal().isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
                Thread.sleep(20);
            }
            assertThat(rules.status().lastRefusal()).hasValueSatisfying(r -> assertThat(r.diagnostics())
                    .extracting(Object::toString).anySatisfy(d -> assertThat(d).startsWith("hotline.drl:5")));
            assertThat(route(rules)).as("the previous rules keep routing").isEmpty();

            Files.writeString(dir.resolve("hotline.drl"), ANYONE + "\n// fixed\n");
            while (!route(rules).equals(List.of("1001")) && Instant.now().isBefore(deadline.plusSeconds(20))) {
                Thread.sleep(20);
            }
            assertThat(route(rules)).containsExactly("1001");
            assertThat(rules.status().lastRefusal()).isEmpty();
        }
    }

    @Test
    void rulesRefusedAtStartLeaveTheDefaultRoutingUntilTheyAreFixed() throws Exception {
        Files.writeString(dir.resolve("hotline.drl"), BROKEN);
        try (RoutingRules rules = RoutingRules.open(dir, clock, Duration.ZERO).orElseThrow()) {
            assertThat(rules.current()).isNull();
            assertThat(rules.status().lastRefusal()).isPresent();
            assertThat(route(rules)).as("longest idle, which asks no language").containsExactly("1001");

            assertThat(rules.publish("hotline.drl", SPANISH_FIRST).loaded()).isTrue();
            assertThat(route(rules)).isEmpty();
            assertThat(rules.status().lastRefusal()).isEmpty();
        }
    }

    @Test
    void namesThatLeaveTheDirectoryOrAreNotRulesFilesAndOversizedFilesAreRefusedUnwritten() throws Exception {
        Files.writeString(dir.resolve("hotline.drl"), SPANISH_FIRST);
        try (RoutingRules rules = RoutingRules.open(dir.resolve("."), clock, Duration.ZERO).orElseThrow()) {
            for (String name : new String[] {"../evil.drl", "x.txt", ".hidden.drl", "a/b.drl", ""}) {
                assertThat(rules.publish(name, ANYONE).loaded()).as(name).isFalse();
            }
            assertThat(rules.publish("big.drl", "//" + "x".repeat(RoutingRules.MAX_FILE_BYTES)).diagnostics())
                    .extracting(Object::toString).containsExactly("big.drl: larger than 524288 bytes");
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("hotline.drl");
            }
            assertThat(Files.exists(dir.resolveSibling("evil.drl"))).isFalse();
        }
    }

    @Test
    void withoutARulesDirectoryThereAreNoRules() {
        assertThat(RoutingRules.open(dir.resolve("missing"), clock, Duration.ZERO)).isEmpty();
    }
}
