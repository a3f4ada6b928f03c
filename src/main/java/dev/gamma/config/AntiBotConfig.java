package dev.gamma.config;

import java.time.Duration;

/**
 * Anti-bot mode: when new logins across the whole network come faster than {@code trigger} a second, a login from an
 * address that is neither trusted nor pending is refused with {@code message} and must reconnect to be let in.
 *
 * @param enabled         whether the mode may switch on at all
 * @param trigger         new logins a second, summed over every node, past which the mode switches on
 * @param verify          how a new address proves itself: {@code reconnect}
 * @param reconnectWithin how long a refused address may take to reconnect and pass
 * @param trustFor        how long an address that completed a login is let in without being asked
 * @param coolDown        how long the rate must stay at or below the trigger before the mode switches off
 * @param message         the Disconnect a refused login reads
 */
public record AntiBotConfig(boolean enabled, double trigger, String verify, Duration reconnectWithin,
        Duration trustFor, Duration coolDown, String message) {

    public static final String DEFAULT_MESSAGE =
            "This network is checking new connections: please reconnect to verify you are a player.";

    public static final AntiBotConfig OFF = new AntiBotConfig(false, 50, "reconnect", Duration.ofSeconds(30),
            Duration.ofHours(24), Duration.ofSeconds(30), DEFAULT_MESSAGE);
}
