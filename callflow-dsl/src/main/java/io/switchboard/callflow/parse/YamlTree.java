package io.switchboard.callflow.parse;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns flow file text into a YAML node tree that keeps every node's line and column. Whatever the input, it returns
 * a tree or records a diagnostic: the YAML library's exceptions never leak, and alias bombs, huge files and deep
 * nesting are refused before they can hurt.
 */
public final class YamlTree {

    /** Largest flow file accepted, in characters. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;
    /** Deepest nesting accepted (flow files need fewer than ten levels). */
    public static final int MAX_DEPTH = 64;
    private static final int MAX_ALIASES = 50;

    private YamlTree() {}

    public static Optional<Node> compose(String text, Problems problems) {
        if (text.length() > MAX_CHARS) {
            problems.error(problems.at((Node) null), "file is larger than " + MAX_CHARS + " characters",
                    "split it into several flows with call steps");
            return Optional.empty();
        }
        int depth = nestingDepth(text);
        if (depth > MAX_DEPTH) {
            problems.error(problems.at((Node) null), "nesting is " + depth + " levels deep; at most " + MAX_DEPTH
                    + " are allowed", "flatten the structure");
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder().setLabel(problems.file()).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES).setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CHARS).setUseMarks(true).build();
        try {
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                problems.error(problems.at((Node) null), "the file is empty", "start with 'flow: <id>'");
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            problems.error(problems.at(e.getProblemMark().orElse(e.getContextMark().orElse(null))),
                    "YAML: " + oneLine(e.getProblem() != null ? e.getProblem() : e.getContext()), "");
        } catch (YamlEngineException e) {
            problems.error(problems.at((Node) null), "YAML: " + oneLine(e.getMessage()), "");
        } catch (StackOverflowError e) {
            problems.error(problems.at((Node) null), "nesting is too deep to read", "flatten the structure");
        } catch (RuntimeException e) {
            problems.error(problems.at((Node) null), "YAML could not be read: " + oneLine(String.valueOf(e.getMessage())),
                    "");
        }
        return Optional.empty();
    }

    /** Deepest bracket nesting or indentation level, ignoring quoted text and comments (a cheap upper bound). */
    static int nestingDepth(String text) {
        int max = 0;
        int brackets = 0;
        boolean lineStart = true;
        int indent = 0;
        char quote = 0;
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lineStart = true;
                indent = 0;
                comment = false;
                quote = 0;
                continue;
            }
            if (comment) {
                continue;
            }
            if (lineStart) {
                if (c == ' ' || c == '-') {
                    indent++;
                    continue;
                }
                lineStart = false;
                max = Math.max(max, indent / 2 + brackets);
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                comment = true;
            } else if (c == '[' || c == '{') {
                brackets++;
                max = Math.max(max, indent / 2 + brackets);
            } else if ((c == ']' || c == '}') && brackets > 0) {
                brackets--;
            }
        }
        return max;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
