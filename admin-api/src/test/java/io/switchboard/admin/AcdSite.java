package io.switchboard.admin;

import io.switchboard.simulator.SimulatedAgents;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The site an end-to-end ACD test writes for its server (a temporary directory with {@code queues.yaml},
 * {@code flows/} and, missing until the test adds it, {@code agents.yaml}), and the agents' simulated phones that
 * call it.
 */
public final class AcdSite {

    private AcdSite() {}

    /** Points the test server's flows and ACD at {@code site}. */
    public static void register(DynamicPropertyRegistry registry, Path site) {
        registry.add("switchboard.flows.dir", () -> site.resolve("flows").toString());
        registry.add("switchboard.acd.queues", () -> site.resolve("queues.yaml").toString());
        registry.add("switchboard.acd.agents", () -> site.resolve("agents.yaml").toString());
    }

    /**
     * Agents' phones registering with the test server: they answer after {@code answer}, say {@code agent-greeting}
     * (which a simulated caller recognises) for {@code talk}, and hang up.
     */
    public static SimulatedAgents phones(SwitchboardProperties properties, PromptLibrary prompts, Duration answer,
            Duration talk) throws IOException {
        return new SimulatedAgents(prompts, SimulatedAgents.Options.to("127.0.0.1:" + properties.sip().port())
                .withTiming(answer, talk, Duration.ZERO)
                .withVoice(prompts.find("agent-greeting", "en").orElseThrow()));
    }
}
