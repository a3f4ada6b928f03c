package dev.gamma.route;

import java.time.Duration;
import java.util.List;

/**
 * One entry of the route table: the hostnames it answers for and the backends it forwards to.
 *
 * @param name        the route's first host, used in logs and the player registry
 * @param proxyProtocol none, v1 or v2: the PROXY header written to the backend
 * @param rewriteHost hostname put in the forwarded handshake, or "" to forward what the client sent
 * @param forwarding  none, or bungeecord: the player's address and UUID appended to the forwarded host
 * @param forwardingClientUuid bungeecord forwarding sends the UUID from Login Start, not the name-derived one
 * @param statusPlayers what the server list's players object shows: the backend's, or the network's
 * @param health      the active health checks of its backends, or null for none (no backend is ever marked down)
 * @param maintenance its maintenance mode, {@link Maintenance#OFF} when off
 * @param access      the client addresses it admits; {@link AccessList#OPEN} (also for null) admits everyone
 * @param wake        how its server is woken and put to sleep, or null when it is always on
 */
public record Route(
        String name,
        List<String> hosts,
        List<Backend> backends,
        Strategy strategy,
        String proxyProtocol,
        String rewriteHost,
        int maxPlayers,
        Duration statusCacheTtl,
        FallbackStatus fallback,
        String backendDownMessage,
        List<String> handlers,
        boolean inspect,
        String forwarding,
        boolean forwardingClientUuid,
        StatusPlayers statusPlayers,
        HealthCheck health,
        Maintenance maintenance,
        AccessList access,
        Wake wake) {

    /** A route out of maintenance, without an access list, always on. */
    public Route(String name, List<String> hosts, List<Backend> backends, Strategy strategy, String proxyProtocol,
            String rewriteHost, int maxPlayers, Duration statusCacheTtl, FallbackStatus fallback,
            String backendDownMessage, List<String> handlers, boolean inspect, String forwarding,
            boolean forwardingClientUuid, StatusPlayers statusPlayers, HealthCheck health) {
        this(name, hosts, backends, strategy, proxyProtocol, rewriteHost, maxPlayers, statusCacheTtl, fallback,
                backendDownMessage, handlers, inspect, forwarding, forwardingClientUuid, statusPlayers, health,
                Maintenance.OFF, AccessList.OPEN, null);
    }

    /** A route without health checks. */
    public Route(String name, List<String> hosts, List<Backend> backends, Strategy strategy, String proxyProtocol,
            String rewriteHost, int maxPlayers, Duration statusCacheTtl, FallbackStatus fallback,
            String backendDownMessage, List<String> handlers, boolean inspect, String forwarding,
            boolean forwardingClientUuid, StatusPlayers statusPlayers) {
        this(name, hosts, backends, strategy, proxyProtocol, rewriteHost, maxPlayers, statusCacheTtl, fallback,
                backendDownMessage, handlers, inspect, forwarding, forwardingClientUuid, statusPlayers, null);
    }

    /** The same route with {@code next} as its maintenance mode. */
    public Route withMaintenance(Maintenance next) {
        return new Route(name, hosts, backends, strategy, proxyProtocol, rewriteHost, maxPlayers, statusCacheTtl,
                fallback, backendDownMessage, handlers, inspect, forwarding, forwardingClientUuid, statusPlayers,
                health, next, access, wake);
    }

    /** The same route with {@code next} as its access list. */
    public Route withAccess(AccessList next) {
        return new Route(name, hosts, backends, strategy, proxyProtocol, rewriteHost, maxPlayers, statusCacheTtl,
                fallback, backendDownMessage, handlers, inspect, forwarding, forwardingClientUuid, statusPlayers,
                health, maintenance, next, wake);
    }

    /** The same route with {@code next} as its wake and sleep settings (null: always on). */
    public Route withWake(Wake next) {
        return new Route(name, hosts, backends, strategy, proxyProtocol, rewriteHost, maxPlayers, statusCacheTtl,
                fallback, backendDownMessage, handlers, inspect, forwarding, forwardingClientUuid, statusPlayers,
                health, maintenance, access, next);
    }

    public Route {
        hosts = List.copyOf(hosts);
        backends = List.copyOf(backends);
        handlers = List.copyOf(handlers);
        statusPlayers = statusPlayers == null ? StatusPlayers.BACKEND : statusPlayers;
        maintenance = maintenance == null ? Maintenance.OFF : maintenance;
        access = access == null ? AccessList.OPEN : access;
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("route " + name + " has no backend");
        }
    }
}
