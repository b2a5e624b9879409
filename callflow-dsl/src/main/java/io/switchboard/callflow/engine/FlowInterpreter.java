package io.switchboard.callflow.engine;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.calendar.CalendarOverrides;
import java.time.Clock;
import io.switchboard.callflow.step.AfterHangUp;
import io.switchboard.callflow.step.Next;
import io.switchboard.callflow.step.Outcomes;
import io.switchboard.callflow.step.Step;
import io.switchboard.callflow.step.StepKinds;

/**
 * Runs a compiled flow on a call: answers, walks the steps, and stops as soon as the caller is gone. It never throws
 * for anything a caller does; it is stateless and shared by all calls.
 */
public final class FlowInterpreter {

    /** More steps than any real call takes: a guard against loops the linter could not see. */
    public static final int DEFAULT_STEP_LIMIT = 10_000;

    private final int stepLimit;
    private final Clock clock;
    private final CalendarOverrides overrides;
    private final FlowServices services;

    public FlowInterpreter() {
        this(DEFAULT_STEP_LIMIT);
    }

    public FlowInterpreter(int stepLimit) {
        this(Clock.systemUTC(), new CalendarOverrides(), stepLimit);
    }

    /**
     * @param clock     the time business hours are judged by
     * @param overrides manual calendar switches (shared with whoever throws them)
     */
    public FlowInterpreter(Clock clock, CalendarOverrides overrides, int stepLimit) {
        this(clock, overrides, FlowServices.UNAVAILABLE, stepLimit);
    }

    /** @param services queues and transfers */
    public FlowInterpreter(Clock clock, CalendarOverrides overrides, FlowServices services, int stepLimit) {
        this.services = services;
        this.clock = clock;
        this.overrides = overrides;
        this.stepLimit = stepLimit;
    }

    public FlowResult run(CompiledFlow flow, CallControl call, FlowListener listener) {
        if (!call.answer()) {
            return end(listener, Outcomes.CALLER_HUNG_UP, null, 0);
        }
        Execution run = new Execution(flow, call, listener, clock, overrides, services);
        String current = flow.start();
        int steps = 0;
        while (true) {
            if (call.isGone() && !flow.step(current).map(AfterHangUp::runs).orElse(false)) {
                return end(listener, Outcomes.CALLER_HUNG_UP, current, steps);
            }
            if (steps >= stepLimit) {
                call.hangup();
                return end(listener, Outcomes.STEP_LIMIT, current, steps);
            }
            String stepId = current;
            Step step = flow.step(stepId).orElseThrow(
                    () -> new IllegalStateException("flow " + flow.id() + " has no step '" + stepId + "'"));
            steps++;
            listener.stepEntered(step.id(), StepKinds.nameOf(step));
            Next next = StepKinds.execute(step, run);
            switch (next) {
                case Next.Go go -> current = go.stepId();
                case Next.End e -> {
                    String outcome = call.isGone() && !e.outcome().equals(Outcomes.HANGUP)
                            ? Outcomes.CALLER_HUNG_UP : e.outcome();
                    return end(listener, outcome, step.id(), steps);
                }
            }
        }
    }

    private static FlowResult end(FlowListener listener, String outcome, String lastStep, int steps) {
        listener.flowEnded(outcome);
        return new FlowResult(outcome, lastStep, steps);
    }
}
