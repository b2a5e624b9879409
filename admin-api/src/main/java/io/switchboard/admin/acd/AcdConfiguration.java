package io.switchboard.admin.acd;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.callflow.FlowCompileException;
import io.switchboard.ivr.acd.Acd;
import io.switchboard.ivr.acd.AcdConfig;
import io.switchboard.ivr.acd.AgentDirectory;
import io.switchboard.ivr.acd.CurrentCalls;
import io.switchboard.ivr.acd.QueueLog;
import io.switchboard.ivr.acd.QueueSnapshots;
import java.time.Clock;
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

    /** Fails start-up with {@code file:line:col} diagnostics when {@code queues.yaml} is missing or broken. */
    @Bean(destroyMethod = "close")
    Acd acd(SwitchboardProperties properties, DataSource dataSource, LateDialer dialer) throws FlowCompileException {
        var acd = properties.acd();
        AcdConfig defaults = AcdConfig.defaults(acd.queues().toAbsolutePath().getParent());
        AcdConfig config = new AcdConfig(acd.queues(), acd.agents(), properties.node(), defaults.tick(),
                defaults.fileCheck(), defaults.featureCodes(), acd.callbackCallerId(), defaults.router(),
                defaults.deadNodeAfter());
        Acd started = Acd.start(config, dataSource, dialer, Clock.systemUTC());
        log.info("ACD: queues from {}, agents from {}", acd.queues().toAbsolutePath(),
                acd.agents().toAbsolutePath());
        return started;
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
    QueueSnapshots queueSnapshots(Acd acd) {
        return acd.snapshots();
    }

    @Bean
    QueueLog queueLog(Acd acd) {
        return acd.queueLog();
    }
}
