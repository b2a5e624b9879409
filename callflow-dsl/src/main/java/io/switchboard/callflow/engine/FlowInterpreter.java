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
            return end(listener, Outcomes.CALLER_HUNG_UP, null, 0, null);
        }
        Execution run = new Execution(flow, call, listener, clock, overrides, services);
        String current = flow.start();
        int steps = 0;
        while (true) {
            if (call.isGone() && !run.flow().step(current).map(AfterHangUp::runs).orElse(false)) {
                return end(listener, Outcomes.CALLER_HUNG_UP, run.stepPath(current), steps, run);
            }
            if (steps >= stepLimit) {
                call.hangup();
                return end(listener, Outcomes.STEP_LIMIT, run.stepPath(current), steps, run);
            }
            String stepId = current;
            CompiledFlow running = run.flow();
            Step step = running.step(stepId).orElseThrow(
                    () -> new IllegalStateException("flow " + running.id() + " has no step '" + stepId + "'"));
            steps++;
            listener.stepEntered(run.stepPath(step.id()), StepKinds.nameOf(step));
            Next next = StepKinds.execute(step, run);
            switch (next) {
                case Next.Go go -> current = go.stepId();
                case Next.End e -> {
                    String outcome = call.isGone() && !e.outcome().equals(Outcomes.HANGUP)
                            ? Outcomes.CALLER_HUNG_UP : e.outcome();
                    return end(listener, outcome, run.stepPath(step.id()), steps, run);
                }
            }
        }
    }

    private static FlowResult end(FlowListener listener, String outcome, String lastStep, int steps,
            Execution run) {
        listener.flowEnded(outcome);
        return new FlowResult(outcome, lastStep, steps, run == null ? java.util.Map.of() : run.variables());
    }
}
