package io.switchboard.ivr.flow;

import java.util.List;

/** The flows could not be loaded; the message lists every problem, one per line, ready for a designer to act on. */
public final class FlowLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public FlowLoadException(List<String> problems) {
        super("flows not loaded:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, for example {@code flows/hotline.yaml:12:7: error: unknown step 'sale'}. */
    public List<String> problems() {
        return problems;
    }
}
