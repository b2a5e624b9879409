package io.switchboard.admin.pages;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.ivr.acd.AgentDirectory;
import io.switchboard.ivr.acd.QueueSnapshots;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pages' live feed and the wallboard it serves. */
@Configuration(proxyBeanMethods = false)
public class PagesConfiguration {

    @Bean(destroyMethod = "close")
    LiveFeed liveFeed(SwitchboardProperties properties) {
        var pages = properties.pages();
        return new LiveFeed(pages.liveCheck(), pages.heartbeat(), pages.liveConnectionsPerUser(),
                pages.liveConnections(), pages.liveLifetime());
    }

    @Bean
    Wallboard wallboard(QueueSnapshots queues, AgentDirectory agents) {
        return new Wallboard(queues, agents, Clock.systemUTC());
    }
}
