package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(2, 3, now::get);

    @Test
    void burstIsAllowedThenRefused() {
        assertThat(acquire("1.2.3.4", 3)).isEqualTo(3);
        assertThat(admitted("1.2.3.4")).isFalse();
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() {
        acquire("1.2.3.4", 3);
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(admitted("1.2.3.4")).isTrue();
        assertThat(admitted("1.2.3.4")).isFalse();
    }

    @Test
    void oneAddressFloodingLeavesOthersAlone() {
        acquire("1.2.3.4", 50);
        assertThat(admitted("5.6.7.8")).isTrue();
    }

    @Test
    void sweepForgetsAddressesWhoseBucketRefilled() {
        acquire("1.2.3.4", 3);
        acquire("5.6.7.8", 1);
        limiter.sweep();
        assertThat(limiter.trackedAddresses()).isEqualTo(2);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        limiter.sweep();
        assertThat(limiter.trackedAddresses()).isZero();
    }

    @Test
    void updateAppliesNewRateToExistingBuckets() {
        acquire("1.2.3.4", 3);
        limiter.update(100, 3);
        now.addAndGet(Duration.ofMillis(20).toNanos());
        assertThat(acquire("1.2.3.4", 3)).isEqualTo(2);
    }

    @Test
    void pastTheBudgetAnAddressGetsBurstPoliteRefusalsThenIsClosedAtAccept() {
        acquire("1.2.3.4", 3);
        assertThat(limiter.check("1.2.3.4")).isEqualTo(RateLimiter.Verdict.REFUSE);
        assertThat(limiter.check("1.2.3.4")).isEqualTo(RateLimiter.Verdict.REFUSE);
        assertThat(limiter.check("1.2.3.4")).isEqualTo(RateLimiter.Verdict.REFUSE);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.check("1.2.3.4")).isEqualTo(RateLimiter.Verdict.DROP);
        }
        // a dropped connection costs nothing: the debt of the refusals is paid back at the rate, 2 a second
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.check("1.2.3.4")).isEqualTo(RateLimiter.Verdict.REFUSE);
        assertThat(limiter.check("1.2.3.4")).isEqualTo(RateLimiter.Verdict.DROP);
        now.addAndGet(Duration.ofMillis(2_500).toNanos());
        assertThat(limiter.check("1.2.3.4")).isEqualTo(RateLimiter.Verdict.ADMIT);
    }

    @Test
    void dropsAreReportedOnceASecondWithTheirCount() {
        acquire("1.2.3.4", 6);
        assertThat(limiter.reportDrop("1.2.3.4")).isEqualTo(1);
        for (int i = 0; i < 9; i++) {
            assertThat(limiter.reportDrop("1.2.3.4")).isZero();
        }
        now.addAndGet(Duration.ofMillis(1_001).toNanos());
        assertThat(limiter.reportDrop("1.2.3.4")).isEqualTo(10);
    }

    @Test
    void theTableOfAddressesIsBoundedAndANewcomerAlwaysGetsABucket() {
        RateLimiter small = new RateLimiter(1, 1, now::get);
        for (int i = 0; i < RateLimiter.MAX_ADDRESSES; i++) {
            small.check("10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF));
        }
        assertThat(small.check("192.0.2.1")).as("no idle address, some evicted").isEqualTo(RateLimiter.Verdict.ADMIT);
        assertThat(small.trackedAddresses()).isLessThanOrEqualTo(RateLimiter.MAX_ADDRESSES);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(small.check("192.0.2.2")).isEqualTo(RateLimiter.Verdict.ADMIT);
        small.sweep();
        assertThat(small.trackedAddresses()).as("idle addresses forgotten").isLessThanOrEqualTo(1);
    }

    @Test
    void anAddressWithClosesNotYetLoggedIsStillForgottenOnceQuiet() {
        acquire("1.2.3.4", 6);
        limiter.reportDrop("1.2.3.4");
        limiter.reportDrop("1.2.3.4");
        now.addAndGet(Duration.ofHours(1).toNanos());
        limiter.sweep();
        assertThat(limiter.trackedAddresses()).isZero();
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertThat(ClientAddresses.key("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2::/64")
                .isEqualTo(ClientAddresses.key("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertThat(ClientAddresses.key("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(ClientAddresses.key("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientAddresses.key("::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
    }

    private boolean admitted(String address) {
        return limiter.check(address) == RateLimiter.Verdict.ADMIT;
    }

    private int acquire(String address, int attempts) {
        int granted = 0;
        for (int i = 0; i < attempts; i++) {
            if (admitted(address)) {
                granted++;
            }
        }
        return granted;
    }
}
