package dev.gamma.cluster;

import dev.gamma.config.HealthConfig;
import dev.gamma.config.MaintenanceConfig;
import dev.gamma.config.RouteConfig;
import dev.gamma.config.RouteParser;
import dev.gamma.config.StatusConfig;
import dev.gamma.config.StatusPlayersConfig;
import dev.gamma.route.AccessList;
import dev.gamma.route.Backend;
import dev.gamma.route.FallbackStatus;
import dev.gamma.route.HealthCheck;
import dev.gamma.route.Maintenance;
import dev.gamma.route.Route;
import dev.gamma.route.StatusPlayers;
import dev.gamma.route.Strategy;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where a route as configured ({@link RouteConfig}: the YAML file, or a {@code PUT} body read by the
 * same rules) becomes the typed {@link Route} and the cluster table's entries. It lives here because both the node
 * (file routes) and the admin API (API routes) need it, and config and route may not know each other.
 */
public final class ConfiguredRoutes {
    private ConfiguredRoutes() {}

    /** The route, named after its first host. */
    public static Route route(RouteConfig config) {
        StatusConfig status = config.status();
        return new Route(
                config.hosts().get(0),
                config.hosts(),
                config.backends().stream().map(b -> new Backend(b.host(), b.port())).toList(),
                Strategy.fromConfigName(config.strategy()),
                config.proxyProtocol(),
                config.rewriteHost(),
                config.maxPlayers(),
                status.cacheTtl(),
                new FallbackStatus(status.fallbackMotd(), status.fallbackVersion(), status.fallbackFavicon(),
                        status.fallbackOnline(), status.fallbackMax()),
                config.messages().backendDown(),
                config.handlers(),
                config.inspect(),
                config.forwarding(),
                config.forwardingClientUuid(),
                players(status.players()), health(config.health()), maintenance(config.maintenance()),
                AccessList.of(config.access().allow(), config.access().deny()),
                WakeMapping.wake(config.wake()));
    }

    private static StatusPlayers players(StatusPlayersConfig config) {
        return new StatusPlayers(config.source().equals("network"), config.max(), config.sample());
    }

    private static HealthCheck health(HealthConfig health) {
        return health == null ? null
                : new HealthCheck(health.interval(), health.timeout(), health.fails(), health.passes());
    }

    private static Maintenance maintenance(MaintenanceConfig config) {
        return config == null ? Maintenance.OFF
                : new Maintenance(config.enabled(), config.motd(), config.message(), config.allow(),
                        config.kickCurrent());
    }

    /**
     * A file's routes as table entries, one per host. The hosts of one route share one {@link Route} object, so
     * limits and balancing count the route once whichever of its names a player typed.
     */
    public static List<SharedRoute> fileEntries(List<RouteConfig> routes, long now) {
        List<SharedRoute> entries = new ArrayList<>();
        for (RouteConfig config : routes) {
            Route route = route(config);
            for (String host : route.hosts()) {
                entries.add(new SharedRoute(host, route, SharedRoute.Source.FILE, now));
            }
        }
        return entries;
    }

    /** A route from {@code PUT /api/routes/{host}}, under its (only) host. */
    public static SharedRoute apiEntry(RouteConfig parsed, long now) {
        if (parsed.wake() != null) {
            throw new IllegalArgumentException(RouteParser.WAKE_REFUSED);
        }
        Route route = route(parsed);
        return new SharedRoute(route.name(), route, SharedRoute.Source.API, now);
    }
}
