package io.switchboard.ivr.asterisk;

import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.lint.FlowGraph;
import io.switchboard.callflow.lint.MissingPrompts;
import io.switchboard.callflow.lint.PromptCatalog;
import io.switchboard.ivr.flow.PublishedFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Asterisk's sounds directory as Switchboard sees it (a mount of the Asterisk host's {@code sounds}): which prompt
 * names exist per language folder, in any format Asterisk plays. AGI offers no command that asks whether a sound
 * exists, so this is how start-up checks that the published flows' prompts are there, with the flow linter's own
 * missing-prompt rule.
 */
public final class AsteriskSounds implements PromptCatalog {

    /** The file extensions of the formats Asterisk plays from a sounds directory. */
    static final List<String> FORMATS = List.of("wav", "WAV", "wav16", "gsm", "ulaw", "alaw", "sln", "sln16",
            "g722", "g729", "siren7", "siren14", "opus");

    private final Path dir;

    public AsteriskSounds(Path dir) {
        this.dir = dir;
    }

    @Override
    public boolean exists(String name, String language) {
        Path folder = dir.resolve(language).normalize();
        if (!folder.startsWith(dir.normalize())) {
            return false;
        }
        for (String format : FORMATS) {
            if (Files.isRegularFile(folder.resolve(name + "." + format))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the published flows would play that is missing here: one line per prompt and language, as the flow
     * linter words it ({@code file:line:col: error: step 'x': prompt 'y' has no recording in language 'es'}).
     */
    public List<String> missingFor(Collection<PublishedFlow> flows) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            out.add("the Asterisk sounds directory " + dir + " does not exist (switchboard.asterisk.sounds-dir)");
            return out;
        }
        MissingPrompts rule = new MissingPrompts();
        for (PublishedFlow flow : flows) {
            for (Diagnostic d : rule.check(flow.flow(), new FlowGraph(flow.flow()), this)) {
                out.add("flow " + flow.id() + " v" + flow.version() + ": " + d);
            }
        }
        return out;
    }
}
