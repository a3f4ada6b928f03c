package dev.gamma.config;

import java.util.List;

/**
 * A route's {@code maintenance} section; a route without it is not in maintenance ({@link RouteConfig#maintenance()}
 * is null).
 *
 * @param motd        the server list's text while enabled; "" for the default
 * @param message     what refused and kicked players read; "" for the default
 * @param allow       player names let in while enabled (compared without case)
 * @param kickCurrent when the route switches on, players on it who are not allowed are kicked
 */
public record MaintenanceConfig(boolean enabled, String motd, String message, List<String> allow,
        boolean kickCurrent) {

    public MaintenanceConfig {
        allow = List.copyOf(allow);
    }
}
