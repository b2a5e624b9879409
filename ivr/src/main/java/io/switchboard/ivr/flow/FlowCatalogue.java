package io.switchboard.ivr.flow;

import java.util.Optional;

/** Which published flow answers a dialed number. */
public interface FlowCatalogue {

    /** The flow that answers {@code dialed} right now, if any; a call pins what this returns. */
    Optional<PublishedFlow> forNumber(String dialed);

    /** The live version of the flow called {@code flowId}, if any (an Asterisk dialplan may name the flow). */
    default Optional<PublishedFlow> byId(String flowId) {
        return Optional.empty();
    }
}
