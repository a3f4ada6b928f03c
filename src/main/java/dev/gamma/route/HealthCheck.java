package dev.gamma.route;

import java.time.Duration;
import java.util.Objects;

/**
 * A route's active health checks ({@code health} in the YAML file): every {@code interval} one node connects to
 * each backend and asks for its server-list status, giving up after {@code timeout}; {@code fails} failures in a
 * row mark the backend down for the fleet, {@code passes} successes in a row mark it up again.
 */
public record HealthCheck(Duration interval, Duration timeout, int fails, int passes) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_FAILS = 2;
    public static final int DEFAULT_PASSES = 2;

    public HealthCheck {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.toNanos() <= 0 || timeout.toNanos() <= 0) {
            throw new IllegalArgumentException("interval and timeout must be > 0");
        }
        if (timeout.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("timeout must be shorter than interval");
        }
        if (fails < 1 || passes < 1) {
            throw new IllegalArgumentException("fails and passes must be >= 1");
        }
    }
}
