package io.switchboard.routing.facts;

import java.util.Objects;

/** Only agents who speak {@code language} may take the call. */
public final class NeedsLanguage extends Requirement {
    private final String language;

    public NeedsLanguage(WaitingCall call, String language) {
        super(call);
        this.language = Objects.requireNonNull(language, "language");
    }

    public String language() {
        return language;
    }
}
