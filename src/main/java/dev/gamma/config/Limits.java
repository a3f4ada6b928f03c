package dev.gamma.config;

/**
 * @param perIpRate         new connections per second allowed from one IP address (token bucket refill)
 * @param perIpBurst        connections one IP address may open at once before the rate applies
 * @param maxHandshakeBytes bytes a client may send before its handshake is complete
 */
public record Limits(double perIpRate, int perIpBurst, int maxHandshakeBytes) {}
