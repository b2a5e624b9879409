package io.switchboard.callflow.engine;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A prompt named the way flows name prompts (for example {@code welcome} or {@code digits/7}); the carrier resolves
 * it to audio in the call's language, never the flow. A name is one or more folder-like parts joined by {@code /},
 * each starting with a letter, digit or underscore: it can never climb out of the prompt directory ({@code ..}),
 * start at its root, or carry control characters.
 */
public record PromptRef(String name) {

    /** The longest prompt name. */
    public static final int MAX_LENGTH = 200;
    private static final Pattern NAME =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63}(/[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63}){0,7}");

    public PromptRef {
        Objects.requireNonNull(name, "name");
        if (!isValid(name)) {
            throw new IllegalArgumentException("not a prompt name: '" + name + "'");
        }
    }

    /** Whether {@code name} is a prompt name (see the class comment). */
    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
    }

    @Override
    public String toString() {
        return name;
    }
}
