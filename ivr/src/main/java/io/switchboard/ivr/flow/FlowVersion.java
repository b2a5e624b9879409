package io.switchboard.ivr.flow;

import java.time.Instant;
import java.util.Objects;

/**
 * One published, immutable version of a flow.
 *
 * @param flowId      the flow's id
 * @param version     1, 2, … in publishing order
 * @param contentHash SHA-256 of the file text, hex
 * @param source      where the text came from (a file path, or "api")
 * @param note        the publisher's note
 * @param publishedAt when
 */
public record FlowVersion(String flowId, int version, String contentHash, String source, String note,
        Instant publishedAt) {
    public FlowVersion {
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }
}
