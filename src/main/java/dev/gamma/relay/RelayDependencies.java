package dev.gamma.relay;

import dev.gamma.route.BackendBalancer;
import dev.gamma.route.RouteTable;
import dev.gamma.route.StatusCache;
import java.util.function.Supplier;

/** What a {@link ProxyServer} needs from the node; the suppliers return the latest reloaded snapshot. */
public record RelayDependencies(
        Supplier<RouteTable> routes,
        Supplier<ProxySettings> settings,
        StatusCache statusCache,
        BackendBalancer balancer,
        RateLimiter rateLimiter,
        HandlerSource handlers,
        LoginPolicy loginPolicy,
        SessionEvents events,
        RelayMetrics metrics,
        String nodeId) {}
