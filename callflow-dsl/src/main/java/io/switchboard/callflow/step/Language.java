package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.parse.Fields;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code language}: the rest of the call follows the caller's language; it must be one the flow declares.
 * <pre>
 * german:
 *   language: de
 *   next: welcome
 * </pre>
 */
public final class Language implements StepKind<LanguageStep> {

    @Override
    public String name() {
        return "language";
    }

    @Override
    public Class<LanguageStep> type() {
        return LanguageStep.class;
    }

    @Override
    public LanguageStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("language");
        String language = value instanceof ScalarNode s ? s.getValue().strip() : "";
        if (!ctx.languages().contains(language)) {
            ctx.problems().error(value, "step '" + id + "': language '" + language + "' is not one of the flow's"
                    + " languages " + ctx.languages(), "declare it: languages: [en, " + language + "]");
        }
        return new LanguageStep(id, step.pos(), language, Steps.next(id, step, ctx));
    }

    @Override
    public Next execute(LanguageStep step, Execution run) {
        run.call().setLanguage(step.language());
        return Steps.then(step.next());
    }
}
