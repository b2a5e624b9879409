package io.switchboard.ivr.flow;

import io.switchboard.callflow.CompiledFlow;
import java.util.Objects;

/**
 * A flow as calls use it: compiled, with the version a call pins for its whole life.
 *
 * @param id      the flow's id
 * @param version the version number calls record
 * @param flow    the compiled flow
 */
public record PublishedFlow(String id, int version, CompiledFlow flow) {
    public PublishedFlow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(flow, "flow");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, got " + version);
        }
    }
}
