package dev.gamma.config;

import java.time.Duration;

/**
 * A route's {@code health} section: active checks of its backends, shared by the fleet. A route without the section
 * has none ({@link RouteConfig#health()} is null).
 *
 * @param interval between two checks of a backend (> 0)
 * @param timeout  for the connect and the status answer together (> 0, < interval)
 * @param fails    failures in a row that mark a backend down (>= 1)
 * @param passes   successes in a row that mark it up again (>= 1)
 */
public record HealthConfig(Duration interval, Duration timeout, int fails, int passes) {}
