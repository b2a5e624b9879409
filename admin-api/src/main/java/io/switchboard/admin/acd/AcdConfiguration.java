package io.switchboard.admin.acd;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.report.KpiProperties;
import io.switchboard.callflow.FlowCompileException;
import io.switchboard.ivr.acd.Acd;
import io.switchboard.ivr.acd.AcdConfig;
import io.switchboard.ivr.acd.AgentDirectory;
import io.switchboard.ivr.acd.CurrentCalls;
import io.switchboard.ivr.acd.QueueLog;
import io.switchboard.ivr.acd.QueueSnapshots;
import io.switchboard.ivr.acd.Router;
import io.switchboard.ivr.acd.RoutingRules;
import io.switchboard.ivr.acd.RulesRouter;
import io.switchboard.ivr.report.KpiDefinitions;
import io.switchboard.ivr.report.Reports;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ACD as beans: started from {@code queues.yaml} and {@code agents.yaml} with this node's name, its dialer
 * connected to the SIP endpoint once that exists (see the telephony configuration), and its parts the API reads.
 */
@Configuration(proxyBeanMethods = false)
public class AcdConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AcdConfiguration.class);

    @Bean
    LateDialer acdDialer() {
        return new LateDialer();
    }

    /**
     * The routing rules of {@code switchboard.routing.dir} when that directory exists (watched every
     * {@code switchboard.routing.check}); without it the ACD routes by longest idle.
     */
    @Bean(destroyMethod = "close")
    RoutingSetup routingSetup(SwitchboardProperties properties) {
        var routing = properties.routing();
        Optional<RoutingRules> rules = RoutingRules.open(routing.dir(), Clock.systemUTC(), routing.check());
        if (rules.isEmpty()) {
            log.info("Routing: no rules directory {}; the ACD routes by longest idle", routing.dir().toAbsolutePath());
        }
        return new RoutingSetup(routing.dir().toAbsolutePath().normalize(), rules);
    }

    /** Fails start-up with {@code file:line:col} diagnostics when {@code queues.yaml} is missing or broken. */
    @Bean(destroyMethod = "close")
    Acd acd(SwitchboardProperties properties, DataSource dataSource, LateDialer dialer, RoutingSetup routing,
            KpiDefinitions kpis) throws FlowCompileException {
        var acd = properties.acd();
        AcdConfig defaults = AcdConfig.defaults(acd.queues().toAbsolutePath().getParent());
        Router router = routing.rules().<Router>map(r -> new RulesRouter(r::current, defaults.router(),
                Clock.systemUTC())).orElse(defaults.router());
        AcdConfig config = new AcdConfig(acd.queues(), acd.agents(), properties.node(), defaults.tick(),
                defaults.fileCheck(), defaults.featureCodes(), acd.callbackCallerId(), router,
                defaults.deadNodeAfter(), kpis);
        Acd started = Acd.start(config, dataSource, dialer, Clock.systemUTC());
        log.info("ACD: queues from {}, agents from {}", acd.queues().toAbsolutePath(),
                acd.agents().toAbsolutePath());
        return started;
    }

    /** The KPI definitions of {@code switchboard.kpi.*} in the site's time zone (docs/kpis.md). */
    @Bean
    KpiDefinitions kpiDefinitions(KpiProperties kpi, KpiProperties.SiteProperties site) {
        return kpi.definitions(site);
    }

    /** The one KPI calculator: reports, today's figures of {@code GET /api/queues} and the Prometheus gauges. */
    @Bean
    Reports reports(Acd acd) {
        return acd.reports();
    }

    @Bean
    AgentDirectory agentDirectory(Acd acd) {
        return acd.agentDirectory();
    }

    @Bean
    CurrentCalls currentCalls(Acd acd) {
        return acd.currentCalls();
    }

    @Bean
    AgentDesk agentDesk(AgentDirectory agents, CurrentCalls current, io.switchboard.ivr.store.CallStore calls,
            DataSource dataSource) {
        return new AgentDesk(agents, current, calls, org.springframework.jdbc.core.simple.JdbcClient.create(dataSource));
    }

    @Bean
    QueueSnapshots queueSnapshots(Acd acd) {
        return acd.snapshots();
    }

    @Bean
    QueueLog queueLog(Acd acd) {
        return acd.queueLog();
    }
}
