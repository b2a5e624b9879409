package io.switchboard.ivr.flow;

import java.util.Optional;

/** Which published flow answers a dialed number. */
public interface FlowCatalogue {

    /** The flow that answers {@code dialed} right now, if any; a call pins what this returns. */
    Optional<PublishedFlow> forNumber(String dialed);
}
