package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Goes to the first step whose condition holds, else to {@code otherwise}.
 *
 * @param otherwise the {@code else} step, or null to end the flow when nothing matches
 */
public record BranchStep(String id, SourcePos pos, List<Case> cases, String otherwise) implements Step {

    /** One condition and where it leads. */
    public record Case(Expr condition, String target) {}

    public BranchStep {
        cases = List.copyOf(cases);
    }

    @Override
    public List<String> targets() {
        List<String> out = new ArrayList<>(cases.stream().map(Case::target).toList());
        if (otherwise != null) {
            out.add(otherwise);
        }
        return out;
    }
}
