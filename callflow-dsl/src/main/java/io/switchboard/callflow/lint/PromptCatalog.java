package io.switchboard.callflow.lint;

import java.nio.file.Files;
import java.nio.file.Path;

/** Which prompts exist, per language, for the missing-prompt check. */
public interface PromptCatalog {

    boolean exists(String name, String language);

    /** Whether the catalog knows anything (a catalog that does not is not checked against). */
    default boolean known() {
        return true;
    }

    /** A catalog that has every prompt: the prompt check is skipped. */
    PromptCatalog ANY = new PromptCatalog() {
        @Override
        public boolean exists(String name, String language) {
            return true;
        }

        @Override
        public boolean known() {
            return false;
        }
    };

    /** Prompts as the server finds them: {@code <dir>/<language>/<name>.wav}. */
    static PromptCatalog directory(Path dir) {
        return (name, language) -> Files.isRegularFile(dir.resolve(language).resolve(name + ".wav"));
    }
}
