package io.switchboard.admin.acd;

import io.switchboard.ivr.acd.RoutingRules;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How this server routes: by the rules of {@code directory} ({@code rules} present), or by longest idle because
 * there is no such directory.
 */
public record RoutingSetup(Path directory, Optional<RoutingRules> rules) implements AutoCloseable {

    @Override
    public void close() {
        rules.ifPresent(RoutingRules::close);
    }
}
