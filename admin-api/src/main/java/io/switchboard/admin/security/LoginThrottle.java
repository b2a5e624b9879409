package io.switchboard.admin.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed logins per source address. After {@code loginFailuresAllowed} failures an address waits
 * {@code loginBlock}, doubling with each further failure up to {@code loginBlockMax}; a successful login forgets
 * its failures. Memory is bounded: only the {@code trackedAddresses} most recently seen addresses are remembered.
 */
final class LoginThrottle {

    private final SecuritySettings settings;
    private final LongSupplier nanoTime;
    private final Map<String, Failures> byAddress;

    LoginThrottle(SecuritySettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.byAddress = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > settings.trackedAddresses();
            }
        };
    }

    private static final class Failures {
        int count;
        long lastNanos;
        long blockedUntilNanos;
    }

    /** How long {@code address} must still wait before it may try again; zero when it may now. */
    synchronized Duration waitFor(String address) {
        Failures failures = byAddress.get(address);
        if (failures == null) {
            return Duration.ZERO;
        }
        long left = failures.blockedUntilNanos - nanoTime.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    synchronized void failed(String address) {
        long now = nanoTime.getAsLong();
        Failures failures = byAddress.computeIfAbsent(address, a -> new Failures());
        if (failures.count > 0 && now - failures.lastNanos > settings.loginBlockMax().toNanos()) {
            failures.count = 0;
        }
        failures.count++;
        failures.lastNanos = now;
        int over = failures.count - settings.loginFailuresAllowed();
        if (over >= 0) {
            long block = settings.loginBlock().toNanos() << Math.min(over, 30);
            failures.blockedUntilNanos = now + Math.min(block < 0 ? Long.MAX_VALUE : block,
                    settings.loginBlockMax().toNanos());
        }
    }

    synchronized void succeeded(String address) {
        byAddress.remove(address);
    }

    synchronized int trackedAddresses() {
        return byAddress.size();
    }
}
