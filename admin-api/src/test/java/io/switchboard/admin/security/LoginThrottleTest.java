package io.switchboard.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Failed logins per address: a wait after the allowed failures, doubling, capped, forgotten on success. */
class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(new SecuritySettings(Path.of("x"), 5,
            Duration.ofSeconds(1), Duration.ofSeconds(10), 3), now::get);

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address);
        }
    }

    private void pass(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void fourFailuresCostNothingTheFifthCostsASecondAndEachMoreDoublesUpToTheCap() {
        fail("10.0.0.1", 4);
        assertThat(throttle.waitFor("10.0.0.1")).isZero();
        fail("10.0.0.1", 1);
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        pass(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("10.0.0.1")).isZero();
        fail("10.0.0.1", 1);
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        fail("10.0.0.1", 1);
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
        fail("10.0.0.1", 40);
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(10));
        assertThat(throttle.waitFor("10.0.0.2")).as("other addresses are not held up").isZero();
    }

    @Test
    void aSuccessfulLoginForgetsTheFailures() {
        fail("10.0.0.1", 4);
        throttle.succeeded("10.0.0.1");
        fail("10.0.0.1", 4);
        assertThat(throttle.waitFor("10.0.0.1")).isZero();
    }

    @Test
    void failuresOlderThanTheLongestWaitStartAfresh() {
        fail("10.0.0.1", 4);
        pass(Duration.ofSeconds(11));
        fail("10.0.0.1", 1);
        assertThat(throttle.waitFor("10.0.0.1")).isZero();
    }

    @Test
    void onlyTheMostRecentAddressesAreRemembered() {
        for (int i = 0; i < 1000; i++) {
            fail("10.0.%d.%d".formatted(i / 256, i % 256), 5);
        }
        assertThat(throttle.trackedAddresses()).isEqualTo(3);
        assertThat(throttle.waitFor("10.0.3.231")).isPositive();
        assertThat(throttle.waitFor("10.0.0.0")).isZero();
    }
}
