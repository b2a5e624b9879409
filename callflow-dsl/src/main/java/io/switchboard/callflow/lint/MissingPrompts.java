package io.switchboard.callflow.lint;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.Diagnostic;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.SpokenNumbers;
import io.switchboard.callflow.step.CallbackStep;
import io.switchboard.callflow.step.GatherStep;
import io.switchboard.callflow.step.LookupStep;
import io.switchboard.callflow.step.MenuStep;
import io.switchboard.callflow.step.PlayStep;
import io.switchboard.callflow.step.QueueStep;
import io.switchboard.callflow.step.RecordStep;
import io.switchboard.callflow.step.SurveyStep;
import io.switchboard.callflow.step.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A prompt with no recording in one of the flow's languages plays as nothing to those callers (error). */
public final class MissingPrompts implements LintRule {

    @Override
    public List<Diagnostic> check(CompiledFlow flow, FlowGraph graph, PromptCatalog prompts) {
        List<Diagnostic> out = new ArrayList<>();
        if (!prompts.known()) {
            return out;
        }
        for (Step s : flow.steps().values()) {
            if (s instanceof PlayStep p && !p.spoken().isEmpty()) {
                for (String language : flow.languages()) {
                    List<String> missing = SpokenNumbers.vocabulary(language).stream()
                            .filter(name -> !prompts.exists(name, language)).toList();
                    if (!missing.isEmpty()) {
                        out.add(Diagnostic.error(p.spoken().get(0).pos(), "step '" + s.id() + "' reads a value out,"
                                + " but language '" + language + "' lacks " + missing.size() + " of the prompts that"
                                + " takes: " + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                                + (missing.size() > 5 ? ", …" : ""), "add them under " + language + "/ in the"
                                + " prompt directory"));
                    }
                }
            }
            for (String name : promptsOf(s)) {
                for (String language : flow.languages()) {
                    if (!prompts.exists(name, language)) {
                        out.add(Diagnostic.error(s.pos(), "step '" + s.id() + "': prompt '" + name
                                + "' has no recording in language '" + language + "'", "add " + language + "/"
                                + name + ".wav to the prompt directory"));
                    }
                }
            }
        }
        return out;
    }

    /** Every prompt name a step can play. */
    static Set<String> promptsOf(Step step) {
        Set<String> names = new LinkedHashSet<>();
        List<PromptRef> refs = switch (step) {
            case PlayStep p -> p.prompts();
            case MenuStep m -> m.allPrompts();
            case CallbackStep c -> c.allPrompts();
            case QueueStep q -> {
                List<PromptRef> all = new ArrayList<>(q.request().holdAudio());
                if (q.request().callback() != null) {
                    all.addAll(q.request().callback().prompt());
                }
                if (q.request().chat() != null) {
                    all.addAll(q.request().chat().prompt());
                }
                yield all;
            }
            case GatherStep g -> {
                List<PromptRef> all = new ArrayList<>(g.prompts());
                g.noInput().prompts().forEach(all::addAll);
                g.noMatch().prompts().forEach(all::addAll);
                yield all;
            }
            case LookupStep l -> l.filler();
            case RecordStep r -> RecordingPrompts.of(r);
            case SurveyStep v -> RecordingPrompts.of(v);
            default -> List.of();
        };
        refs.forEach(r -> names.add(r.name()));
        return names;
    }
}
