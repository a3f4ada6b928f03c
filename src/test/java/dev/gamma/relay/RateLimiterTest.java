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
        assertThat(limiter.tryAcquire("1.2.3.4")).isFalse();
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() {
        acquire("1.2.3.4", 3);
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.tryAcquire("1.2.3.4")).isTrue();
        assertThat(limiter.tryAcquire("1.2.3.4")).isFalse();
    }

    @Test
    void oneAddressFloodingLeavesOthersAlone() {
        acquire("1.2.3.4", 50);
        assertThat(limiter.tryAcquire("5.6.7.8")).isTrue();
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

    private int acquire(String address, int attempts) {
        int granted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire(address)) {
                granted++;
            }
        }
        return granted;
    }
}
