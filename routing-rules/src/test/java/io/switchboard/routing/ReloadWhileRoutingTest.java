package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.facts.Agent;
import io.switchboard.routing.facts.AgentState;
import io.switchboard.routing.facts.WaitingCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules change while another thread keeps deciding: no decision fails or loses a waiting call. */
class ReloadWhileRoutingTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void everyDecisionSeesEveryWaitingCallThroughGoodAndBrokenReloads(@TempDir Path rules) throws Exception {
        Files.copy(Path.of("../routing/hotline.drl"), rules.resolve("hotline.drl"));
        try (RuleRouter router = RuleRouter.load(rules, Clock.fixed(T0, ZoneOffset.UTC))) {
            router.agentChanged(new Agent("1001", AgentState.AVAILABLE, T0, Map.of("billing", 5), Set.of("en"), "",
                    0, Map.of("billing", 1)));
            for (int i = 0; i < 20; i++) {
                router.callWaiting(WaitingCall.of("c" + i, "billing", T0.minusSeconds(i)).withTopic("billing")
                        .withLanguage(i % 2 == 0 ? "en" : "es"));
            }
            AtomicBoolean reloading = new AtomicBoolean(true);
            AtomicInteger decisions = new AtomicInteger();
            ExecutorService decider = Executors.newSingleThreadExecutor();
            try {
                Future<List<String>> seen = decider.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    int n = 0;
                    while (reloading.get() || n < 10) {
                        Decision decision = router.decide(T0.plusMillis(n++));
                        if (decision.offers().size() + decision.waiting().size() != 20) {
                            wrong.add(decision.toString());
                        }
                        decisions.incrementAndGet();
                    }
                    return wrong;
                });
                List<ReloadResult> results = new ArrayList<>();
                results.add(reload(router, rules, "extra.drl", "rule \"vip-region\"\nwhen\n"
                        + "  $c : WaitingCall(segment == \"vip\")\nthen\n  insertLogical(new NeedsRegion($c, \"north\"));\nend\n"));
                results.add(reload(router, rules, "broken.drl", "rule \"half\"\nwhen\n  $c : WaitingCall(\n"));
                Files.delete(rules.resolve("broken.drl"));
                results.add(reload(router, rules, "extra.drl", "// emptied\n"));
                reloading.set(false);

                assertThat(seen.get()).isEmpty();
                assertThat(results).extracting(ReloadResult::loaded).containsExactly(true, false, true);
                assertThat(decisions.get()).isGreaterThanOrEqualTo(10);
                assertThat(router.status().version()).isEqualTo(results.get(2).version());
                assertThat(router.decide(T0.plusSeconds(1)).offers()).extracting(Offer::agentId)
                        .containsExactly("1001");
            } finally {
                reloading.set(false);
                decider.shutdownNow();
            }
        }
    }

    private static ReloadResult reload(RuleRouter router, Path rules, String file, String body) throws IOException {
        Files.writeString(rules.resolve(file), "package routing;\nimport io.switchboard.routing.facts.*;\n" + body);
        return router.reload();
    }
}
