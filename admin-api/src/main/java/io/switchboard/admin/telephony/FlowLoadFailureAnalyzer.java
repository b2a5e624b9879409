package io.switchboard.admin.telephony;

import io.switchboard.ivr.flow.FlowLoadException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Start-up refused because of the flows: print each problem as {@code file:line:col: message}, the way a designer
 * reads compiler output, instead of a stack trace.
 */
public final class FlowLoadFailureAnalyzer extends AbstractFailureAnalyzer<FlowLoadException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FlowLoadException cause) {
        String description = "The call flows could not be loaded:\n\n  " + String.join("\n  ", cause.problems());
        String action = "Fix the flow files above (./switchboard flow lint shows the same diagnostics), or point "
                + "switchboard.flows.dir at another directory.";
        return new FailureAnalysis(description, action, cause);
    }
}
