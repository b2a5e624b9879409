package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.engine.TransferPort;
import io.switchboard.callflow.parse.Fields;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code transfer}: hands the call on; the flow ends when it succeeds.
 * <pre>
 * to-billing:
 *   transfer:
 *     to: "sip:billing@pbx.example.com"   # a number, an agent id or a SIP URI
 *     failed: sorry                       # where to go when the transfer does not work
 * </pre>
 */
public final class Transfer implements StepKind<TransferStep> {

    @Override
    public String name() {
        return "transfer";
    }

    @Override
    public Class<TransferStep> type() {
        return TransferStep.class;
    }

    @Override
    public TransferStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("transfer");
        String what = "step '" + id + "' transfer";
        Fields t = Fields.of(value, what, ctx.problems());
        String to = t.string("to", "write to: \"sip:billing@pbx.example.com\" or a number");
        String failed = Steps.required(t, "failed", what, ctx);
        t.rejectUnknown();
        return new TransferStep(id, step.pos(), to, failed);
    }

    @Override
    public Next execute(TransferStep step, Execution run) {
        return switch (run.services().transfers().transfer(step.to(), run.call())) {
            case TransferPort.TransferResult.Transferred t -> new Next.End("transferred");
            case TransferPort.TransferResult.HungUp h -> Next.CALLER_HUNG_UP;
            case TransferPort.TransferResult.Failed f -> Next.go(step.failed());
        };
    }
}
