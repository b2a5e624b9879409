package io.switchboard.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Drools' build messages into diagnostics about the rule files. The executable model reports some mistakes in
 * the Java it generates (a class unknown in an action) or without a line (an unknown property): the locator finds the
 * name the message is about in the rule files and points at it there. Messages that only repeat another one (the
 * generated source's text, "Parser returned a null Package") are dropped.
 */
final class DiagnosticLocator {

    private static final Pattern[] SUBJECTS = {
        Pattern.compile("Unable to parse left part of expression: (.+)"),
        Pattern.compile("^(\\S+) cannot be resolved(?: to a (?:type|variable))?"),
        Pattern.compile("The method (\\w+)\\("),
        Pattern.compile("The constructor (\\w+)\\("),
        Pattern.compile("[Uu]nknown (?:property|field|variable|class)[: ]+'?([\\w.]+)'?"),
        Pattern.compile("[Cc]annot find (?:property|field)[: ]+'?(\\w+)'?"),
    };

    private final Map<String, String> texts;

    DiagnosticLocator(Map<String, String> texts) {
        this.texts = texts;
    }

    /** A diagnostic for one build message: its own place when it names a rule file, else where its subject is. */
    List<RuleDiagnostic> locate(String path, int line, int column, String text) {
        String file = fileOf(path);
        String message = RuleCompiler.oneLine(text);
        if (message.startsWith("Java source of ") || message.equals("Parser returned a null Package")) {
            return List.of();
        }
        List<RuleDiagnostic> found = new ArrayList<>();
        if (texts.containsKey(file) && line > 0) {
            found.add(new RuleDiagnostic(file, line, Math.max(column, 0), message));
            return found;
        }
        for (Pattern subject : SUBJECTS) {
            Matcher m = subject.matcher(message);
            if (m.find()) {
                RuleDiagnostic at = find(m.group(1).strip(), message);
                if (at != null) {
                    found.add(at);
                    return found;
                }
            }
        }
        found.add(RuleDiagnostic.of(texts.containsKey(file) ? file : "rules", message));
        return found;
    }

    private RuleDiagnostic find(String subject, String message) {
        for (Map.Entry<String, String> file : texts.entrySet()) {
            String[] lines = file.getValue().split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                int at = indexOfWord(lines[i], subject);
                if (at >= 0 && !lines[i].stripLeading().startsWith("//")) {
                    return new RuleDiagnostic(file.getKey(), i + 1, at + 1, message);
                }
            }
        }
        return null;
    }

    private static int indexOfWord(String line, String subject) {
        int from = 0;
        while (true) {
            int at = line.indexOf(subject, from);
            if (at < 0) {
                return -1;
            }
            boolean startsWord = at == 0 || !Character.isJavaIdentifierPart(line.charAt(at - 1));
            int end = at + subject.length();
            boolean endsWord = end >= line.length() || !Character.isJavaIdentifierPart(line.charAt(end))
                    || !Character.isJavaIdentifierPart(subject.charAt(subject.length() - 1));
            if (startsWord && endsWord) {
                return at;
            }
            from = at + 1;
        }
    }

    private static String fileOf(String path) {
        if (path == null || path.isEmpty()) {
            return "rules";
        }
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }
}
