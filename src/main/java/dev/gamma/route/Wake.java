package dev.gamma.route;

import java.time.Duration;
import java.util.Objects;

/**
 * A route's {@code wake} key: its server may be asleep, and a login wakes it. The login is held up to {@code hold}
 * while the server starts; after {@code sleepAfter} without a player anywhere in the fleet the {@code sleep} action
 * runs ({@link Duration#ZERO}: never). A route without the key has none ({@link Route#wake()} is null).
 *
 * @param sleep the action that puts the server to sleep, or null for none; a docker wake without one stops the same
 *              container
 */
public record Wake(WakeAction wake, Duration hold, Duration sleepAfter, WakeAction sleep, String asleepMotd,
        String startingMotd) {
    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(30);
    public static final String DEFAULT_ASLEEP_MOTD = "Asleep: join to wake it up";
    public static final String DEFAULT_STARTING_MOTD = "Starting up, please wait…";
    public static final int MAX_MOTD_CHARS = 1024;

    public Wake {
        Objects.requireNonNull(wake, "wake");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(sleepAfter, "sleepAfter");
        if (sleep == null && wake.kind() == WakeAction.Kind.DOCKER) {
            sleep = wake;
        }
        asleepMotd = asleepMotd == null || asleepMotd.isEmpty() ? DEFAULT_ASLEEP_MOTD : asleepMotd;
        startingMotd = startingMotd == null || startingMotd.isEmpty() ? DEFAULT_STARTING_MOTD : startingMotd;
        if (hold.toNanos() <= 0 || sleepAfter.isNegative()) {
            throw new IllegalArgumentException("hold must be > 0 and sleep-after >= 0");
        }
        if (!sleepAfter.isZero() && sleep == null) {
            throw new IllegalArgumentException("sleep-after needs a sleep action");
        }
        if (asleepMotd.length() > MAX_MOTD_CHARS || startingMotd.length() > MAX_MOTD_CHARS) {
            throw new IllegalArgumentException("a wake MOTD has at most " + MAX_MOTD_CHARS + " characters");
        }
    }

    /** Whether the route's server is ever put to sleep. */
    public boolean sleeps() {
        return !sleepAfter.isZero();
    }
}
