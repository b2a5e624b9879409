package io.switchboard.routing.facts;

import java.util.Objects;

/** Only agents of {@code region} may take the call. */
public final class NeedsRegion extends Requirement {
    private final String region;

    public NeedsRegion(WaitingCall call, String region) {
        super(call);
        this.region = Objects.requireNonNull(region, "region");
    }

    public String region() {
        return region;
    }
}
