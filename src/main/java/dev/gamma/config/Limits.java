package dev.gamma.config;

/**
 * @param perIpRate         new connections per second allowed from one IP address (token bucket refill)
 * @param perIpBurst        connections one IP address may open at once before the rate applies
 * @param maxHandshakeBytes bytes a client may send before its handshake is complete
 * @param maxGreetingPerIp  connections of one address still in their greeting; more are closed at once
 * @param maxGreeting       connections of the node still in their greeting; more are closed at once
 * @param maxUnfinishedPacketsMib what the packets the node's clients began sending and did not finish may hold
 *                          together, in MiB; a client whose packet would pass it is refused
 */
public record Limits(double perIpRate, int perIpBurst, int maxHandshakeBytes, int maxGreetingPerIp, int maxGreeting,
        int maxUnfinishedPacketsMib) {}
