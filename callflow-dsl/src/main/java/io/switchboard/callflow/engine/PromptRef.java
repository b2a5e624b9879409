package io.switchboard.callflow.engine;

import java.util.Objects;

/**
 * A prompt named the way flows name prompts (for example {@code welcome} or {@code digits/7}); the carrier resolves
 * it to audio in the call's language, never the flow.
 */
public record PromptRef(String name) {
    public PromptRef {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("prompt name is blank");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
