package dev.gamma.config;

import java.util.List;

/**
 * One route as configured.
 *
 * @param hosts         lower-cased hostnames, {@code *.suffix} wildcards or {@code *} (the default route)
 * @param strategy      first, round-robin, random or least-connections
 * @param proxyProtocol none, v1 or v2: the PROXY header written to the backend
 * @param rewriteHost   hostname put in the forwarded handshake, or "" to forward what the client sent
 * @param maxPlayers    0 = no limit
 * @param forwarding    none, or bungeecord: the player's address and UUID in the forwarded handshake
 * @param forwardingClientUuid bungeecord forwarding sends the UUID the client chose instead of the name-derived one
 * @param health        active health checks of the backends, or null for none
 * @param maintenance   maintenance mode, or null for none
 * @param access        the client addresses the route admits ({@link AccessConfig#OPEN}: everyone)
 * @param wake          how the server is woken and put to sleep, or null when it is always on
 */
public record RouteConfig(
        List<String> hosts,
        List<HostPort> backends,
        String strategy,
        String proxyProtocol,
        String rewriteHost,
        int maxPlayers,
        StatusConfig status,
        MessagesConfig messages,
        List<String> handlers,
        boolean inspect,
        String forwarding,
        boolean forwardingClientUuid,
        HealthConfig health,
        MaintenanceConfig maintenance,
        AccessConfig access,
        WakeConfig wake) {

    /** A route without maintenance mode or access list, always on. */
    public RouteConfig(List<String> hosts, List<HostPort> backends, String strategy, String proxyProtocol,
            String rewriteHost, int maxPlayers, StatusConfig status, MessagesConfig messages, List<String> handlers,
            boolean inspect, String forwarding, boolean forwardingClientUuid, HealthConfig health) {
        this(hosts, backends, strategy, proxyProtocol, rewriteHost, maxPlayers, status, messages, handlers, inspect,
                forwarding, forwardingClientUuid, health, null, AccessConfig.OPEN, null);
    }

    /** A route without health checks. */
    public RouteConfig(List<String> hosts, List<HostPort> backends, String strategy, String proxyProtocol,
            String rewriteHost, int maxPlayers, StatusConfig status, MessagesConfig messages, List<String> handlers,
            boolean inspect, String forwarding, boolean forwardingClientUuid) {
        this(hosts, backends, strategy, proxyProtocol, rewriteHost, maxPlayers, status, messages, handlers, inspect,
                forwarding, forwardingClientUuid, null);
    }

    public RouteConfig {
        hosts = List.copyOf(hosts);
        backends = List.copyOf(backends);
        handlers = List.copyOf(handlers);
        access = access == null ? AccessConfig.OPEN : access;
    }
}
