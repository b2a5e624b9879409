package io.switchboard.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One routing decision at {@code at}: the calls to offer, each to one agent (no agent twice), in the order the calls
 * go, and the calls that keep waiting, in their order in the line. The router changes nothing by deciding: the ACD
 * claims the agent and then reports the agent's new state and the call's end of waiting. {@code waiting} is
 * unmodifiable; its explanations are made when read.
 */
public record Decision(Instant at, List<Offer> offers, List<NobodyYet> waiting) {

    public Decision {
        offers = List.copyOf(offers);
        waiting = waiting instanceof WaitingList ? waiting : List.copyOf(waiting);
    }

    public Optional<Offer> offerFor(String callId) {
        return offers.stream().filter(o -> o.callId().equals(callId)).findFirst();
    }

    public Optional<NobodyYet> waitingFor(String callId) {
        return waiting.stream().filter(w -> w.callId().equals(callId)).findFirst();
    }
}
