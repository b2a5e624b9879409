package io.switchboard.callflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a flow's {@code imports:} may reach, and whether diagnostics from imported files may be shown to whoever
 * compiles. Imports are paths relative to the importing file that must stay inside one directory, the flows
 * directory, after symbolic links are resolved: a flow text can never make the compiler read, or report on, a file
 * elsewhere on the host.
 *
 * <p>On the command line the designer compiles their own files, so imported files' diagnostics are shown as they
 * are. On the server a text can come from any API client with the designer role; there a broken import is
 * reported once, at the import line, by line and column only, and never quotes the imported file.
 *
 * @param root          the directory imports must stay inside (absolute, normalized)
 * @param showImported  whether diagnostics inside imported files are passed on as they are
 */
public record ImportScope(Path root, boolean showImported) {

    public ImportScope {
        root = root.toAbsolutePath().normalize();
    }

    /** Where an import leads: the file to read, or why it may not be read (a message that quotes no file). */
    sealed interface Resolution {
        record File(Path file) implements Resolution {}

        record Refused(String message, String hint) implements Resolution {}
    }

    /** Resolves an import as written, relative to {@code base} (the importing file's directory). */
    Resolution resolve(Path base, String written) {
        String hint = "imports are relative to the importing file and stay inside " + root.getFileName()
                + "/, for example imports: [lib/account-menu.yaml]";
        Path relative;
        try {
            relative = Path.of(written);
        } catch (InvalidPathException e) {
            return new Resolution.Refused("import '" + printable(written) + "' is not a file path", hint);
        }
        if (relative.isAbsolute() || written.startsWith("~")) {
            return new Resolution.Refused("import '" + printable(written) + "' is an absolute path", hint);
        }
        Path file = base.resolve(relative).toAbsolutePath().normalize();
        if (!file.startsWith(root)) {
            return new Resolution.Refused("import '" + printable(written) + "' leaves the flows directory", hint);
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            return new Resolution.Refused("import '" + printable(written) + "': no such file",
                    "check the path; it is relative to the importing file");
        } catch (IOException | SecurityException e) {
            return new Resolution.Refused("import '" + printable(written) + "' cannot be read", hint);
        }
        if (!real.startsWith(realRoot())) {
            return new Resolution.Refused("import '" + printable(written)
                    + "' leads outside the flows directory through a symbolic link", hint);
        }
        if (!Files.isRegularFile(real)) {
            return new Resolution.Refused("import '" + printable(written) + "' is not a regular file", hint);
        }
        return new Resolution.File(file);
    }

    private Path realRoot() {
        try {
            return root.toRealPath();
        } catch (IOException | SecurityException e) {
            return root;
        }
    }

    /** The import as written, cut short and without control characters, for a message. */
    private static String printable(String written) {
        String clean = written.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "…" : clean;
    }
}
