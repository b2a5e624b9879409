package io.switchboard.ivr.acd;

import java.nio.file.Path;
import io.switchboard.ivr.report.KpiDefinitions;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the ACD runs on this node.
 *
 * @param queuesFile   {@code queues.yaml}: the queues and how each is run
 * @param agentsFile   {@code agents.yaml}: the agents; a missing file means the agents come from the API only
 * @param node         this node's name, unique among nodes sharing the database; after a restart the node takes
 *                     back what it left unfinished under that name
 * @param tick         how often the routing loop looks for work without being woken (changes made on other nodes,
 *                     wrap-ups ending, call backs falling due)
 * @param fileCheck    how often {@code agents.yaml} is checked for changes
 * @param featureCodes what the codes dialled from agents' phones do
 * @param callbackCallerId the number a customer called back sees (the hotline's)
 * @param router       the routing decision
 * @param deadNodeAfter another node whose heartbeat is older than this is taken over: the agents it left ringing or
 *                     on a call are freed and its call backs in progress finished (nodes beat every tenth of it)
 * @param kpis         the KPI definitions of today's figures in the queue snapshots (docs/kpis.md)
 */
public record AcdConfig(Path queuesFile, Path agentsFile, String node, Duration tick, Duration fileCheck,
        FeatureCodes featureCodes, String callbackCallerId, Router router, Duration deadNodeAfter,
        KpiDefinitions kpis) {

    public AcdConfig {
        Objects.requireNonNull(queuesFile, "queuesFile");
        Objects.requireNonNull(agentsFile, "agentsFile");
        if (node == null || !node.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("node name must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(fileCheck, "fileCheck");
        Objects.requireNonNull(featureCodes, "featureCodes");
        callbackCallerId = callbackCallerId == null ? "" : callbackCallerId;
        Objects.requireNonNull(router, "router");
        if (deadNodeAfter == null || deadNodeAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("deadNodeAfter must be at least 1s");
        }
        Objects.requireNonNull(kpis, "kpis");
    }

    /**
     * The defaults for the files in {@code dir}: node {@code node-1}, a 250 ms tick, a 2 s file check, other nodes
     * taken over after 60 s of silence, the default KPI definitions in the JVM's time zone.
     */
    public static AcdConfig defaults(Path dir) {
        return new AcdConfig(dir.resolve("queues.yaml"), dir.resolve("agents.yaml"), "node-1",
                Duration.ofMillis(250), Duration.ofSeconds(2), FeatureCodes.DEFAULTS, "", new LongestIdleRouter(),
                Duration.ofSeconds(60), KpiDefinitions.defaults(ZoneId.systemDefault()));
    }

    public AcdConfig withNode(String name) {
        return new AcdConfig(queuesFile, agentsFile, name, tick, fileCheck, featureCodes, callbackCallerId, router,
                deadNodeAfter, kpis);
    }

    public AcdConfig withTick(Duration t) {
        return new AcdConfig(queuesFile, agentsFile, node, t, fileCheck, featureCodes, callbackCallerId, router,
                deadNodeAfter, kpis);
    }

    public AcdConfig withDeadNodeAfter(Duration d) {
        return new AcdConfig(queuesFile, agentsFile, node, tick, fileCheck, featureCodes, callbackCallerId, router, d,
                kpis);
    }

    public AcdConfig withKpis(KpiDefinitions k) {
        return new AcdConfig(queuesFile, agentsFile, node, tick, fileCheck, featureCodes, callbackCallerId, router,
                deadNodeAfter, k);
    }

    public AcdConfig withRouter(Router r) {
        return new AcdConfig(queuesFile, agentsFile, node, tick, fileCheck, featureCodes, callbackCallerId, r,
                deadNodeAfter, kpis);
    }
}
