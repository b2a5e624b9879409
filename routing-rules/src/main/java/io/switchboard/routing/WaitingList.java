package io.switchboard.routing;

import io.switchboard.routing.facts.WaitingCall;
import java.time.Instant;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The calls a decision leaves waiting, in line order, kept as the immutable call facts and asks of that moment; each
 * {@link NobodyYet} with its explanation is made only when someone reads it (most decisions are only read for their
 * offers, and 2,000 explanations per decision would cost more than the decision).
 */
final class WaitingList extends AbstractList<NobodyYet> implements RandomAccess {

    private final Instant at;
    private WaitingCall[] calls = new WaitingCall[16];
    private Ask[] asks = new Ask[16];
    private int size;

    WaitingList(Instant at) {
        this.at = at;
    }

    void add(WaitingCall call, Ask ask) {
        if (size == calls.length) {
            calls = java.util.Arrays.copyOf(calls, size * 2);
            asks = java.util.Arrays.copyOf(asks, size * 2);
        }
        calls[size] = call;
        asks[size] = ask;
        size++;
    }

    @Override
    public NobodyYet get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        WaitingCall call = calls[index];
        return new NobodyYet(call.id(), new Explanation(asks[index].rules(), call.step(), call.steps(),
                call.waited(at)));
    }

    @Override
    public int size() {
        return size;
    }
}
