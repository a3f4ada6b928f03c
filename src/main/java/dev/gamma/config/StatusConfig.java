package dev.gamma.config;

import java.time.Duration;

/**
 * @param cacheTtl how long a backend's status answer is reused before pinging it again
 * @param fallback what the server list shows while no backend has ever answered
 */
public record StatusConfig(Duration cacheTtl, FallbackStatus fallback) {}
