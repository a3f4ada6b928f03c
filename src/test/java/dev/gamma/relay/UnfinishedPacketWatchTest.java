package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the watch ends a session over a client's unfinished packet, on an event loop whose clock the test moves: only
 * for one packet unfinished a whole period while the client was read all along.
 */
class UnfinishedPacketWatchTest {
    private static final long PERIOD_MILLIS = 1_000;

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<String> ended = new ArrayList<>();
    private long unfinishedPacket;
    private long clientHolds;
    private final UnfinishedPacketWatch watch = new UnfinishedPacketWatch(channel.eventLoop(),
            Duration.ofMillis(PERIOD_MILLIS), () -> unfinishedPacket, () -> clientHolds, ended::add);

    @BeforeEach
    void stopTheClock() {
        channel.freezeTime();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void onePacketUnfinishedForAWholePeriodEndsTheSessionOnce() {
        held(1);
        after(PERIOD_MILLIS - 1);
        assertThat(ended).isEmpty();

        after(1);
        assertThat(ended).containsExactly("client's packet unfinished for over 1000 ms");
        after(5 * PERIOD_MILLIS);
        assertThat(ended).hasSize(1);
    }

    @Test
    void aNewPacketUnfinishedAtEveryCheckIsNeverHeldAgainstTheClient() {
        held(1);
        for (long packet = 2; packet < 8; packet++) {
            unfinishedPacket = packet;
            after(PERIOD_MILLIS);
        }
        assertThat(ended).isEmpty();

        after(PERIOD_MILLIS);
        assertThat(ended).as("the last one, unfinished from one check to the next").hasSize(1);
    }

    @Test
    void aFinishedPacketStopsTheWatchUntilTheNextOneIsLeftUnfinished() {
        held(1);
        unfinishedPacket = 0;
        after(3 * PERIOD_MILLIS);
        assertThat(ended).isEmpty();

        held(2);
        after(PERIOD_MILLIS);
        assertThat(ended).hasSize(1);
    }

    @Test
    void aPeriodInWhichTheRelayStoppedReadingTheClientIsNotHeldAgainstIt() {
        held(1);
        clientHolds = 1; // its backend took no more: the relay stopped reading it
        after(3 * PERIOD_MILLIS);
        assertThat(ended).as("not read at the checks").isEmpty();

        clientHolds = 2; // read again
        after(PERIOD_MILLIS);
        assertThat(ended).as("not read for part of the period").isEmpty();

        after(PERIOD_MILLIS);
        assertThat(ended).as("read a whole period, and the packet still unfinished").hasSize(1);
    }

    @Test
    void aPauseThatBeganAndEndedWithinThePeriodCounts() {
        held(1);
        clientHolds = 2;
        after(PERIOD_MILLIS);
        assertThat(ended).isEmpty();

        after(PERIOD_MILLIS);
        assertThat(ended).hasSize(1);
    }

    @Test
    void nothingRunsOnceTheSessionIsEnding() {
        held(1);
        watch.stop();
        held(2);
        assertThat(channel.runScheduledPendingTasks()).as("no timer left to hold the session").isEqualTo(-1);

        after(3 * PERIOD_MILLIS);
        assertThat(ended).isEmpty();
    }

    private void held(long packet) {
        unfinishedPacket = packet;
        watch.packetHeld();
    }

    private void after(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }
}
