package io.switchboard.callflow.engine;

import java.util.Objects;

/**
 * What a flow asks of the platform beyond the call itself, one port per capability, each implemented by the part of
 * the server that owns it: queueing and call backs (the ACD), transfers (the carrier), lookups (data connectors) and
 * hand-offs (the Camel routes). A part that does not exist yet answers "unavailable" for its own port only. Flow
 * tests mock them all.
 */
public record FlowServices(QueuePort queues, CallbackPort callbacks, TransferPort transfers, LookupPort lookups,
        HandoffPort handoffs) {

    /** A platform with none of them: every request is unavailable, so flows take their fallback steps. */
    public static final FlowServices UNAVAILABLE = new FlowServices(QueuePort.UNAVAILABLE, CallbackPort.UNAVAILABLE,
            TransferPort.UNAVAILABLE, LookupPort.UNAVAILABLE, HandoffPort.UNAVAILABLE);

    public FlowServices {
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(transfers, "transfers");
        Objects.requireNonNull(lookups, "lookups");
        Objects.requireNonNull(handoffs, "handoffs");
    }

    public FlowServices withQueues(QueuePort port) {
        return new FlowServices(port, callbacks, transfers, lookups, handoffs);
    }

    public FlowServices withCallbacks(CallbackPort port) {
        return new FlowServices(queues, port, transfers, lookups, handoffs);
    }

    public FlowServices withTransfers(TransferPort port) {
        return new FlowServices(queues, callbacks, port, lookups, handoffs);
    }

    public FlowServices withLookups(LookupPort port) {
        return new FlowServices(queues, callbacks, transfers, port, handoffs);
    }

    public FlowServices withHandoffs(HandoffPort port) {
        return new FlowServices(queues, callbacks, transfers, lookups, port);
    }
}
