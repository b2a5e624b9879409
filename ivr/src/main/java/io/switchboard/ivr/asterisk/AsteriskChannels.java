package io.switchboard.ivr.asterisk;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels and bridges Asterisk has now, as AMI events tell them (Newchannel, Hangup, BridgeEnter, BridgeLeave,
 * BridgeDestroy), replaced wholesale by the {@code CoreShowChannels} list after every (re)connect. Bounded: at most
 * {@link #MAX} channels are kept (a flood of events cannot grow it further).
 */
public final class AsteriskChannels {

    /** Channels kept at most. */
    public static final int MAX = 100_000;

    private final Map<String, String> channels = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> bridges = new ConcurrentHashMap<>();

    void opened(String uniqueId, String channel) {
        if (uniqueId != null && channel != null && (channels.size() < MAX || channels.containsKey(uniqueId))) {
            channels.put(uniqueId, channel);
        }
    }

    void closed(String uniqueId) {
        if (uniqueId != null) {
            channels.remove(uniqueId);
            bridges.values().forEach(members -> members.remove(uniqueId));
        }
    }

    void entered(String bridgeId, String uniqueId) {
        if (bridgeId != null && uniqueId != null && channels.containsKey(uniqueId)) {
            bridges.computeIfAbsent(bridgeId, b -> ConcurrentHashMap.newKeySet()).add(uniqueId);
        }
    }

    void left(String bridgeId, String uniqueId) {
        if (bridgeId != null && uniqueId != null) {
            Set<String> members = bridges.get(bridgeId);
            if (members != null) {
                members.remove(uniqueId);
            }
        }
    }

    void destroyed(String bridgeId) {
        if (bridgeId != null) {
            bridges.remove(bridgeId);
        }
    }

    /** Replaces everything with what {@code CoreShowChannels} listed: unique id → channel, and bridge → members. */
    void replaceWith(Map<String, String> listed, Map<String, Set<String>> listedBridges) {
        channels.keySet().retainAll(listed.keySet());
        listed.entrySet().stream().limit(MAX).forEach(e -> channels.put(e.getKey(), e.getValue()));
        bridges.clear();
        listedBridges.forEach((b, members) -> {
            Set<String> set = ConcurrentHashMap.newKeySet();
            set.addAll(members);
            bridges.put(b, set);
        });
    }

    public boolean isLive(String uniqueId) {
        return channels.containsKey(uniqueId);
    }

    /** Unique ids of the live channels. */
    public Set<String> live() {
        return Set.copyOf(channels.keySet());
    }

    /** The channels in bridge {@code bridgeId}, by unique id. */
    public Set<String> bridge(String bridgeId) {
        Set<String> members = bridges.get(bridgeId);
        return members == null ? Set.of() : Set.copyOf(members);
    }

    /** Whether the channel {@code uniqueId} is in a bridge now. */
    public boolean inBridge(String uniqueId) {
        for (Set<String> members : bridges.values()) {
            if (members.contains(uniqueId)) {
                return true;
            }
        }
        return false;
    }

    /** The bridges with at least one channel in them. */
    public Collection<String> bridges() {
        Set<String> out = new HashSet<>();
        bridges.forEach((b, m) -> {
            if (!m.isEmpty()) {
                out.add(b);
            }
        });
        return out;
    }
}
