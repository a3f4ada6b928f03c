package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.gamma.route.ClientAddresses;
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
    void closesOfAddressesWithoutABucketGrowTheTableOnlyWhileItHasRoom() {
        int reported = 0;
        for (int i = 0; i < 2 * RateLimiter.MAX_ADDRESSES; i++) { // untrusted proxies, or a node full of greetings
            reported += limiter.reportDrop("2001:db8:" + Integer.toHexString(i) + "::") > 0 ? 1 : 0;
        }
        assertThat(limiter.trackedAddresses()).isEqualTo(RateLimiter.MAX_ADDRESSES);
        assertThat(reported).as("a line for each address that found room, one for all the others")
                .isEqualTo(RateLimiter.MAX_ADDRESSES + 1);
        now.addAndGet(Duration.ofMillis(1_001).toNanos());
        assertThat(limiter.reportDrop("2001:db8:ffff:ffff::")).as("the next line counts the others")
                .isEqualTo(RateLimiter.MAX_ADDRESSES);
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

    @Test
    void spendOfMoreThanOneTokenIsHandedOutOnceBiggestFirst() {
        acquire("1.2.3.4", 5);
        acquire("5.6.7.8", 2);
        acquire("9.9.9.9", 1);
        assertThat(limiter.takeSpend(10)).containsExactly(entry("1.2.3.4", 5), entry("5.6.7.8", 2));
        assertThat(limiter.takeSpend(10)).isEmpty();
        acquire("9.9.9.9", 1);
        assertThat(limiter.takeSpend(10)).as("a single token waits for the next").containsExactly(entry("9.9.9.9", 2));
    }

    @Test
    void onlyTheTopSpendersAreHandedOutAndTheRestWaits() {
        RateLimiter wide = new RateLimiter(1, 100, now::get);
        for (int i = 0; i < 50; i++) {
            for (int n = 0; n < 2 + i; n++) {
                wide.check("10.0.0." + i);
            }
        }
        assertThat(wide.takeSpend(3)).containsExactly(entry("10.0.0.49", 51), entry("10.0.0.48", 50),
                entry("10.0.0.47", 49));
        assertThat(wide.takeSpend(100)).hasSize(47);
    }

    @Test
    void anotherNodesSpendIsTakenOffTheBucket() {
        RateLimiter wide = new RateLimiter(2, 10, now::get);
        wide.debit("1.2.3.4", 8);
        assertThat(admittedBy(wide, "1.2.3.4", 10)).isEqualTo(2);
        assertThat(wide.takeSpend(10)).as("a debit is not this node's spend to hand on")
                .containsExactly(entry("1.2.3.4", 10));
    }

    @Test
    void aDebitNeverSinksABucketBelowWhereOneFloodingNodeWouldLeaveIt() {
        // the attack: another node reports an absurd spend; the address is then as if it had flooded this node
        limiter.debit("1.2.3.4", Integer.MAX_VALUE);
        assertThat(limiter.check("1.2.3.4")).isEqualTo(RateLimiter.Verdict.DROP);
        now.addAndGet(Duration.ofMillis(500).toNanos()); // one token repaid at 2 a second
        assertThat(limiter.check("1.2.3.4")).isEqualTo(RateLimiter.Verdict.REFUSE);
        now.addAndGet(Duration.ofMillis(2_500).toNanos()); // burst + 2 tokens: (3 + 2) / 2 s after the floor
        assertThat(limiter.check("1.2.3.4")).isEqualTo(RateLimiter.Verdict.ADMIT);
    }

    @Test
    void debitsOfZeroOrLessChangeNothingAndDebitsNeverCrowdOutLocalAddresses() {
        limiter.debit("1.2.3.4", 0);
        limiter.debit("1.2.3.4", -5);
        assertThat(limiter.trackedAddresses()).isZero();
        RateLimiter small = new RateLimiter(1, 1, now::get);
        for (int i = 0; i < RateLimiter.MAX_ADDRESSES; i++) {
            small.debit("10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF), 1);
        }
        small.debit("192.0.2.1", 1);
        assertThat(small.trackedAddresses()).isEqualTo(RateLimiter.MAX_ADDRESSES);
    }

    @Test
    void threeNodesExchangingSpendGiveARotatingClientAboutOneNodesBudget() {
        RateLimiter[] nodes = {new RateLimiter(2, 20, now::get), new RateLimiter(2, 20, now::get),
            new RateLimiter(2, 20, now::get)};
        int admitted = 0;
        // 6 attempts a second, rotating, for 20 s (each node alone would let all of them in); every second each node
        // hands its spend to the two others
        for (int tick = 0; tick < 120; tick++) {
            now.addAndGet(Duration.ofMillis(1000 / 6).toNanos());
            if (nodes[tick % 3].check("1.2.3.4") == RateLimiter.Verdict.ADMIT) {
                admitted++;
            }
            if (tick % 6 == 5) {
                exchange(nodes);
            }
        }
        RateLimiter alone = new RateLimiter(2, 20, now::get);
        int single = admittedBy(alone, "5.6.7.8", 0);
        for (int tick = 0; tick < 120; tick++) {
            now.addAndGet(Duration.ofMillis(1000 / 6).toNanos());
            if (alone.check("5.6.7.8") == RateLimiter.Verdict.ADMIT) {
                single++;
            }
        }
        assertThat((double) admitted).isBetween(single * 0.75, single * 1.25);
    }

    private static void exchange(RateLimiter[] nodes) {
        for (RateLimiter from : nodes) {
            from.takeSpend(2_000).forEach((address, spent) -> {
                for (RateLimiter to : nodes) {
                    if (to != from) {
                        to.debit(address, spent);
                    }
                }
            });
        }
    }

    private int admittedBy(RateLimiter rateLimiter, String address, int attempts) {
        int granted = 0;
        for (int i = 0; i < attempts; i++) {
            if (rateLimiter.check(address) == RateLimiter.Verdict.ADMIT) {
                granted++;
            }
        }
        return granted;
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
