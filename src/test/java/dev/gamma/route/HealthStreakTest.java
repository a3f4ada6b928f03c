package dev.gamma.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthStreakTest {
    private static final HealthCheck CHECK = new HealthCheck(Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 3);

    /** A run of results (true = passed) from a start state, and the state after each. */
    record Run(BackendState start, List<Boolean> results, List<BackendState> states) {}

    @Test
    void failsInARowMarkDownAndPassesInARowMarkUp() {
        BackendState up = BackendState.UP;
        BackendState down = BackendState.DOWN;
        BackendState unknown = BackendState.UNKNOWN;
        List<Run> runs = List.of(
                new Run(unknown, List.of(true, true, true), List.of(unknown, unknown, up)),
                new Run(unknown, List.of(false, false), List.of(unknown, down)),
                new Run(up, List.of(false, true, false, true), List.of(up, up, up, up)),
                new Run(up, List.of(false, false, true), List.of(up, down, down)),
                new Run(down, List.of(true, true, false, true, true, true), List.of(down, down, down, down, down, up)),
                new Run(down, List.of(true, true, true, false), List.of(down, down, up, up)));
        for (Run run : runs) {
            HealthStreak streak = HealthStreak.of(run.start());
            for (int i = 0; i < run.results().size(); i++) {
                streak = run.results().get(i) ? streak.passed(CHECK) : streak.failed(CHECK);
                assertThat(streak.state()).as("%s after %s", run.start(), run.results().subList(0, i + 1))
                        .isEqualTo(run.states().get(i));
            }
        }
    }

    @Test
    void countsStopGrowingPastTheirCap() {
        HealthStreak streak = new HealthStreak(BackendState.DOWN, 1_000_000, 0);
        assertThat(streak.failed(CHECK).fails()).isEqualTo(1_000_000);
    }
}
