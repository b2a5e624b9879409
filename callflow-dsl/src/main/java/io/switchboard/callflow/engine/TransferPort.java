package io.switchboard.callflow.engine;

/** Transferring a call: the carrier implements it; without one every transfer fails ({@link #UNAVAILABLE}). */
public interface TransferPort {

    /** Hands the call to {@code destination} (a number, an agent id or a SIP URI). */
    TransferResult transfer(String destination, CallControl call);

    /** No transfers here. */
    TransferPort UNAVAILABLE = (destination, call) -> new TransferResult.Failed("no transfers on this server");

    /** How a transfer ended. */
    sealed interface TransferResult {
        record Transferred() implements TransferResult {}

        record Failed(String reason) implements TransferResult {}

        record HungUp() implements TransferResult {}
    }
}
