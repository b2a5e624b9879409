package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.expr.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks a data connector and puts what it found into {@code <into>.<name>} variables.
 *
 * @param fillerAfter  play the filler if no answer came within this long
 * @param notFound     where to go when the connector found nothing (null: as error)
 * @param error        where to go when it failed or took longer than the time limit
 */
public record LookupStep(String id, SourcePos pos, String connector, Map<String, Template> arguments, String into,
        Duration timeLimit, List<PromptRef> filler, Duration fillerAfter, String next, String notFound, String error)
        implements Step {

    public LookupStep {
        arguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
        filler = List.copyOf(filler);
    }

    @Override
    public List<String> targets() {
        List<String> out = new ArrayList<>();
        for (String t : new String[] {next, notFound, error}) {
            if (t != null && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
