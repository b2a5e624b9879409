package io.switchboard.admin.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserCache;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Users who logged in lately, kept for a short time so that logins go on through a short database outage. The
 * password is still checked against the stored hash on every request; this node forgets a user as soon as it
 * changes or deletes it, other nodes after {@link #KEEP}.
 */
final class RecentLogins implements UserCache {

    static final Duration KEEP = Duration.ofSeconds(30);
    private static final int MAX_USERS = 1000;

    private record Kept(UserDetails user, long sinceNanos) {}

    private final LongSupplier nanoTime;
    private final Map<String, Kept> users = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > MAX_USERS;
        }
    };

    RecentLogins(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized UserDetails getUserFromCache(String name) {
        Kept kept = users.get(name);
        if (kept == null) {
            return null;
        }
        if (nanoTime.getAsLong() - kept.sinceNanos() > KEEP.toNanos()) {
            users.remove(name);
            return null;
        }
        return copy(kept.user());
    }

    @Override
    public synchronized void putUserInCache(UserDetails user) {
        users.put(user.getUsername(), new Kept(copy(user), nanoTime.getAsLong()));
    }

    /** A copy in and out: a login erases the password hash of the user object it was given. */
    private static UserDetails copy(UserDetails user) {
        return User.withUserDetails(user).build();
    }

    @Override
    public synchronized void removeUserFromCache(String name) {
        users.remove(name);
    }
}
