package dev.gamma.config;

import java.time.Duration;

/**
 * What a node does when asked to stop (SIGTERM or SIGINT).
 *
 * @param drainDeadline how long a stopping node keeps relaying its players before it closes their sessions; 0 stops
 *                      at once (sessions closed within a few seconds)
 * @param drainMessage  what a player still connected at the end of a drain reads, where the stream is readable
 */
public record ShutdownConfig(Duration drainDeadline, String drainMessage) {

    public static final String DEFAULT_MESSAGE = "This proxy is restarting. Please reconnect.";

    /** Longest drain a node accepts, from the configuration or the API. */
    public static final Duration MAX_DRAIN = Duration.ofHours(24);

    public static final ShutdownConfig DEFAULT = new ShutdownConfig(Duration.ZERO, DEFAULT_MESSAGE);

    /**
     * A drain's deadline as the API and the command line take it, written as in the configuration ({@code 90s},
     * {@code 10m}); more than 0 and at most {@link #MAX_DRAIN}. Throws with a message an operator can act on.
     */
    public static Duration drainDeadline(String text) {
        Duration deadline = Durations.parse(text);
        if (deadline.isZero() || deadline.compareTo(MAX_DRAIN) > 0) {
            throw new IllegalArgumentException("must be more than 0s and at most 24h, got " + text.strip());
        }
        return deadline;
    }
}
