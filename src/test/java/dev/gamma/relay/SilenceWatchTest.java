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
 * When a half-closed session ends for silence, on an event loop whose clock the test moves: after a whole period
 * in which nothing was read and no queued byte was taken, whether or not bytes still wait for a reader.
 */
class SilenceWatchTest {
    private static final long PERIOD_MILLIS = 1_000;

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<String> ended = new ArrayList<>();
    private long read;
    private long taken;
    private String owed;
    private SilenceWatch watch;

    @BeforeEach
    void start() {
        channel.freezeTime();
        watch = new SilenceWatch(channel.eventLoop(), Duration.ofMillis(PERIOD_MILLIS), () -> read, () -> taken,
                () -> owed, ended::add);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aPeerThatNeverFinishesItsHalfEndsTheSessionAfterAPeriod() {
        after(PERIOD_MILLIS - 1);
        assertThat(ended).isEmpty();

        after(1);
        assertThat(ended).containsExactly("half-closed and silent for 1000 ms");
        after(5 * PERIOD_MILLIS);
        assertThat(ended).as("once").hasSize(1);
    }

    @Test
    void aReaderThatTakesNoneOfItsLastBytesEndsItToo() {
        owed = "client";
        after(PERIOD_MILLIS);

        assertThat(ended).containsExactly("half-closed, and the client took no bytes for 1000 ms");
    }

    @Test
    void aReaderThatTakesItsLastBytesSlowlyIsNotCutShort() {
        owed = "client";
        for (int period = 0; period < 10; period++) {
            taken += 1;
            after(PERIOD_MILLIS);
        }
        assertThat(ended).isEmpty();

        after(PERIOD_MILLIS);
        assertThat(ended).as("once it stops taking them").hasSize(1);
    }

    @Test
    void aReaderOwedBytesIsJudgedByWhatItTakesNotByWhatItSends() {
        owed = "client";
        read += 1; // a byte from the client, relayed on
        after(PERIOD_MILLIS);

        assertThat(ended).containsExactly("half-closed, and the client took no bytes for 1000 ms");
    }

    @Test
    void bytesReadInEveryPeriodKeepTheSessionGoing() {
        for (int period = 0; period < 10; period++) {
            read += 100;
            after(PERIOD_MILLIS);
        }
        assertThat(ended).isEmpty();
    }

    @Test
    void nothingRunsOnceStopped() {
        watch.stop();
        after(3 * PERIOD_MILLIS);

        assertThat(ended).isEmpty();
        assertThat(channel.runScheduledPendingTasks()).isEqualTo(-1);
    }

    private void after(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }
}
