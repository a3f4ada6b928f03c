package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeniedLogTest {
    private final AtomicLong nanos = new AtomicLong(5);
    private final DeniedLog log = new DeniedLog(nanos::get);

    @Test
    void aFloodLogsAFewLinesASecondAndTheNextLineCountsTheRest() {
        int logged = 0;
        for (int i = 0; i < 10_000; i++) {
            if (log.report() > 0) {
                logged++;
            }
        }
        assertThat(logged).isEqualTo(DeniedLog.LINES_PER_SECOND);

        nanos.addAndGet(1_000_000_000L);
        int next = log.report();

        assertThat(next).as("this close and every one left out").isEqualTo(10_000 - DeniedLog.LINES_PER_SECOND + 1);
        assertThat(DeniedLog.detail("closed at accept", next))
                .isEqualTo("closed at accept; 9990 other denied closes not logged before this line");
        assertThat(log.report()).isEqualTo(1);
        assertThat(DeniedLog.detail("closed at accept", 1)).isEqualTo("closed at accept");
    }
}
