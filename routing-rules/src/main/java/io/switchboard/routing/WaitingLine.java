package io.switchboard.routing;

import io.switchboard.routing.facts.WaitingCall;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The waiting calls in the order they are offered: the call a rule sent furthest ahead first, then higher priority,
 * then the earlier entry (a callback keeps its original time), kept sorted as calls change rather than sorted per
 * decision.
 */
final class WaitingLine {

    private record Place(int ahead, int priority, Instant enteredAt, String callId) {}

    private static final Comparator<Place> ORDER = Comparator.comparingInt(Place::ahead).reversed()
            .thenComparing(Comparator.comparingInt(Place::priority).reversed())
            .thenComparing(Place::enteredAt).thenComparing(Place::callId);

    private final TreeSet<Place> line = new TreeSet<>(ORDER);
    private final Map<String, Place> places = new HashMap<>();

    /** Puts the call at its place for {@code ahead} (moving it if it was elsewhere). */
    void place(WaitingCall call, int ahead) {
        Place place = new Place(ahead, call.priority(), call.enteredAt(), call.id());
        Place old = places.put(call.id(), place);
        if (old != null) {
            line.remove(old);
        }
        line.add(place);
    }

    void remove(String callId) {
        Place old = places.remove(callId);
        if (old != null) {
            line.remove(old);
        }
    }

    /** The call ids in line order. */
    Iterable<String> inOrder() {
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<Place> places = line.iterator();

            @Override
            public boolean hasNext() {
                return places.hasNext();
            }

            @Override
            public String next() {
                return places.next().callId();
            }
        };
    }

    int size() {
        return places.size();
    }
}
