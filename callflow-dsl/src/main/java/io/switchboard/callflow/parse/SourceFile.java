package io.switchboard.callflow.parse;

import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.FlowCompileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a designer's file (a flow, a flow test, the queue registry); a file that cannot be read is a diagnostic. */
public final class SourceFile {

    private SourceFile() {}

    /** Files larger than this are not read (the YAML reader refuses longer texts anyway). */
    public static final long MAX_BYTES = 4L * 1024 * 1024;

    public static String read(Path file) throws FlowCompileException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new java.io.IOException(Files.exists(file) ? "not a regular file" : "no such file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new java.io.IOException("larger than " + MAX_BYTES + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new FlowCompileException(List.of(new Diagnostic(file.toString(), 1, 1, Diagnostic.Severity.ERROR,
                    "cannot read the file: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file"
                            : e.getMessage()), "")));
        }
    }
}
