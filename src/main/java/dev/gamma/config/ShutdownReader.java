package dev.gamma.config;

import java.time.Duration;

/** Reads {@code shutdown}: the drain a SIGTERM starts, bounded by {@link ShutdownConfig#MAX_DRAIN}. */
final class ShutdownReader {
    private static final ValueType<Duration> DRAIN_DEADLINE = ValueType.DURATION.where(
            d -> d.compareTo(ShutdownConfig.MAX_DRAIN) <= 0, "must be at most 24h (0s stops without a drain)");

    private ShutdownReader() {}

    static ShutdownConfig read(Section s) {
        ShutdownConfig defaults = ShutdownConfig.DEFAULT;
        ShutdownConfig config = new ShutdownConfig(
                s.get("drain-deadline", DRAIN_DEADLINE, defaults.drainDeadline()),
                s.get("drain-message", ValueType.NON_EMPTY, defaults.drainMessage()));
        s.finish();
        return config;
    }
}
