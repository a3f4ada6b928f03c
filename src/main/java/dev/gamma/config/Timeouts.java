package dev.gamma.config;

import java.time.Duration;

/**
 * @param handshake how long a new connection may take to send its handshake
 * @param connect   how long a backend connect attempt may take
 */
public record Timeouts(Duration handshake, Duration connect) {}
