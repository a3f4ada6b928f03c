package dev.gamma.config;

import java.time.Duration;

/**
 * A route's {@code status} section as written, with its {@code fallback} keys: what the server list shows while no
 * backend has ever answered.
 *
 * @param cacheTtl        how long a backend's status answer is reused before pinging it again
 * @param fallbackFavicon "" or a {@code data:image/png;base64,...} URI; a file path in the YAML is read (relative
 *                        to the config file's directory) and turned into the URI at load time
 * @param players         whose players the server list shows, and how many at most
 */
public record StatusConfig(
        Duration cacheTtl,
        String fallbackMotd,
        String fallbackVersion,
        String fallbackFavicon,
        int fallbackOnline,
        int fallbackMax,
        StatusPlayersConfig players) {}
