package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.parse.Fields;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * One kind of step: its name in flow files, how it is checked and compiled, and how it runs. Adding a step kind to
 * the language is one class implementing this and one line in {@link StepKinds}.
 *
 * @param <S> the compiled step record
 */
public interface StepKind<S extends Step> {

    /** The key that introduces this kind in a flow file ({@code play}, {@code menu}, …). */
    String name();

    /** The compiled record type. */
    Class<S> type();

    /**
     * Compiles a step.
     *
     * @param id    the step's id
     * @param value the value under this kind's key
     * @param step  the step's other keys (read what this kind allows; the rest is reported as unknown)
     * @param ctx   problems and references
     * @return the compiled step, even when problems were reported (it is discarded then)
     */
    S compile(String id, Node value, Fields step, CompileContext ctx);

    /** Runs the step on a call; returns promptly once the caller hangs up. */
    Next execute(S step, Execution run);
}
