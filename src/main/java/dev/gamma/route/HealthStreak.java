package dev.gamma.route;

/**
 * A backend's health as one checker follows it: the state it concluded and the results in a row since. {@code fails}
 * failures in a row make it down, {@code passes} successes in a row make it up; a state with neither yet is unknown.
 */
public record HealthStreak(BackendState state, int fails, int passes) {
    private static final int CAP = 1_000_000;

    public static HealthStreak of(BackendState state) {
        return new HealthStreak(state, 0, 0);
    }

    public HealthStreak passed(HealthCheck check) {
        int row = Math.min(passes + 1, CAP);
        return new HealthStreak(row >= check.passes() ? BackendState.UP : state, 0, row);
    }

    public HealthStreak failed(HealthCheck check) {
        int row = Math.min(fails + 1, CAP);
        return new HealthStreak(row >= check.fails() ? BackendState.DOWN : state, row, 0);
    }
}
