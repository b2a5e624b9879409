package io.switchboard.admin.handoff;

import io.switchboard.ivr.handoff.CallSummary;
import io.switchboard.ivr.handoff.ChatLinkTexts;
import io.switchboard.ivr.handoff.HandoffDesk;
import io.switchboard.ivr.handoff.HandoffErrorPolicy;
import io.switchboard.ivr.handoff.HandoffOutbox;
import io.switchboard.ivr.handoff.HandoffRoutes;
import io.switchboard.ivr.handoff.HandoffRules;
import io.switchboard.ivr.handoff.IntegrationSettings;
import io.switchboard.ivr.handoff.ServiceClient;
import io.switchboard.ivr.handoff.SmsWebhook;
import io.switchboard.ivr.handoff.TicketService;
import io.switchboard.ivr.handoff.TicketServices;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Hand-offs in the server: the outbox, the flow's hand-off port on it, and the Camel routes (the Camel Spring Boot
 * starter runs every {@code RouteBuilder} bean) that deliver it to the configured integrations. Credentials are read
 * from the environment variable each integration names; a missing one stops the start with that name.
 */
@Configuration(proxyBeanMethods = false)
public class HandoffConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HandoffConfiguration.class);

    @Bean
    HandoffOutbox handoffOutbox(DataSource dataSource) {
        return new HandoffOutbox(dataSource, Clock.systemUTC());
    }

    @Bean
    HandoffDesk handoffDesk(HandoffOutbox outbox, HandoffProperties properties) {
        properties.targets().forEach((target, integration) -> requireIntegration(properties, "targets." + target,
                integration));
        return new HandoffDesk(outbox, properties.targets());
    }

    /** The automatic hand-offs on queue events, stored for the queue log's trigger at every start. */
    @Bean
    HandoffRules handoffRules(DataSource dataSource, HandoffProperties properties) {
        properties.on().forEach((rule, integration) -> requireIntegration(properties, "on." + rule, integration));
        String chat = properties.on().get(HandoffProperties.CHAT);
        if (chat != null && !"chatwoot".equalsIgnoreCase(properties.integrations().get(chat).type())) {
            throw new IllegalArgumentException("switchboard.handoff.on.chat names '" + chat + "', which is not a"
                    + " chatwoot integration");
        }
        HandoffRules rules = new HandoffRules(dataSource);
        rules.replace(properties.queueEventRules());
        log.info("automatic hand-offs {}", properties.on());
        return rules;
    }

    private static void requireIntegration(HandoffProperties properties, String property, String integration) {
        if (!properties.integrations().containsKey(integration)) {
            throw new IllegalArgumentException("switchboard.handoff." + property + " names the integration '"
                    + integration + "', but switchboard.handoff.integrations has only "
                    + properties.integrations().keySet());
        }
    }

    @Bean
    HandoffRoutes handoffRoutes(HandoffOutbox outbox, HandoffProperties properties, Environment environment,
            DataSource dataSource) {
        Map<String, TicketService> services = new LinkedHashMap<>();
        properties.integrations().forEach((name, i) -> {
            IntegrationSettings settings = new IntegrationSettings(name, i.type(), i.baseUrl(),
                    credential("switchboard.handoff.integrations." + name + ".credential-env",
                    i.credentialEnv(), environment), i.subject(), i.fields(), i.options());
            services.put(name, TicketServices.of(settings, properties.timeout(), Clock.systemUTC()));
            log.info("hand-off integration {}", settings);
        });
        log.info("hand-off targets {}", properties.targets());
        ChatLinkTexts chatLinks = chatLinks(properties, environment, services);
        return new HandoffRoutes(outbox, services, properties.policy(), Clock.systemUTC(),
                new CallSummary(dataSource), chatLinks);
    }

    /** The SMS webhook (added to {@code services} as {@value ChatLinkTexts#INTEGRATION}) and its texts, or null. */
    private static ChatLinkTexts chatLinks(HandoffProperties properties, Environment environment,
            Map<String, TicketService> services) {
        HandoffProperties.Sms sms = properties.sms();
        if (sms == null || sms.url() == null) {
            return null;
        }
        if (services.containsKey(ChatLinkTexts.INTEGRATION)) {
            throw new IllegalArgumentException("switchboard.handoff.integrations." + ChatLinkTexts.INTEGRATION
                    + ": the name is the SMS webhook's (switchboard.handoff.sms.*); rename that integration");
        }
        if (sms.link() == null || sms.link().isBlank()) {
            throw new IllegalArgumentException("switchboard.handoff.sms.link must be set: the conversation's link,"
                    + " e.g. https://chat.example.com/app/accounts/1/conversations/{conversation}");
        }
        SmsWebhook webhook = new SmsWebhook(sms.url(), credential("switchboard.handoff.sms.secret-env", sms.secretEnv(),
                environment),
                new ServiceClient(properties.timeout()), Clock.systemUTC());
        services.put(ChatLinkTexts.INTEGRATION, webhook);
        log.info("chat links by SMS through {}", webhook);
        return new ChatLinkTexts(sms.link(), sms.message());
    }

    @Bean
    HandoffErrorPolicy handoffErrorPolicy(HandoffRoutes routes) {
        return routes.errorPolicy();
    }

    private static String credential(String property, String variable, Environment environment) {
        if (variable == null || variable.isBlank()) {
            return "";
        }
        String value = environment.getProperty(variable.strip());
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(property + " names the environment variable " + variable + ", which is not set");
        }
        return value;
    }
}
