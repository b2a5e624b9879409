package io.switchboard.routing;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the {@code *.drl} files of a rules directory (not its subdirectories: {@code tests/} holds scenarios), within
 * bounds: at most {@value #MAX_FILES} files of at most {@value #MAX_FILE_BYTES} bytes each, UTF-8, with plain names.
 */
final class RuleFiles {

    static final int MAX_FILES = 100;
    static final int MAX_FILE_BYTES = 512 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.drl");

    private RuleFiles() {}

    /** The files' texts by name, in name order; problems are added to {@code problems}. */
    static Map<String, String> read(Path dir, List<RuleDiagnostic> problems) {
        Map<String, String> texts = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            problems.add(RuleDiagnostic.of(dir.toString(), "not a directory"));
            return texts;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(dir)) {
            listed.filter(p -> p.getFileName().toString().endsWith(".drl") && Files.isRegularFile(p))
                    .sorted().forEach(files::add);
        } catch (IOException e) {
            problems.add(RuleDiagnostic.of(dir.toString(), "cannot list the directory: " + e.getMessage()));
            return texts;
        }
        if (files.isEmpty()) {
            problems.add(RuleDiagnostic.of(dir.toString(), "no .drl files"));
        }
        if (files.size() > MAX_FILES) {
            problems.add(RuleDiagnostic.of(dir.toString(), files.size() + " .drl files; at most " + MAX_FILES
                    + " are allowed"));
            return texts;
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!NAME.matcher(name).matches()) {
                problems.add(RuleDiagnostic.of(name, "file names may use letters, digits, '.', '_' and '-' only"));
                continue;
            }
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    problems.add(RuleDiagnostic.of(name, "larger than " + MAX_FILE_BYTES + " bytes"));
                    continue;
                }
                texts.put(name, decode(Files.readAllBytes(file)));
            } catch (CharacterCodingException e) {
                problems.add(RuleDiagnostic.of(name, "not UTF-8 text"));
            } catch (IOException e) {
                problems.add(RuleDiagnostic.of(name, "cannot read: " + e.getMessage()));
            }
        }
        return texts;
    }

    /** Deepest bracket nesting allowed in a rule file; real rules need fewer than ten levels. */
    static final int MAX_NESTING = 64;

    /**
     * Where a text's bracket nesting ( ( [ { ) first goes deeper than {@link #MAX_NESTING}, as a diagnostic, or
     * {@code null}. Checked before Drools parses the text, whose parser would otherwise overflow its stack. Brackets
     * in strings and comments count too: this is a cheap upper bound.
     */
    static RuleDiagnostic tooDeep(String name, String text) {
        int depth = 0;
        int line = 1;
        int column = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            column++;
            if (c == '\n') {
                line++;
                column = 0;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    return new RuleDiagnostic(name, line, column, "brackets nested more than " + MAX_NESTING
                            + " levels deep");
                }
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return null;
    }

    static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }
}
