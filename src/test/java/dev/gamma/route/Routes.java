package dev.gamma.route;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Builds routes for tests with the defaults a config file would give. */
final class Routes {
    private Routes() {}

    static Route route(String name, List<String> hosts, Strategy strategy, Backend... backends) {
        return new Route(name, hosts, Arrays.asList(backends), strategy, "none", "", 0, Duration.ofSeconds(10),
                new FallbackStatus("Server is offline", "", "", 0, 0), "down", List.of(), false, "none", false,
                StatusPlayers.BACKEND);
    }

    static Route route(String host, Backend... backends) {
        return route(host, List.of(host), Strategy.FIRST, backends);
    }

    static Route withTtl(Route route, Duration ttl) {
        return new Route(route.name(), route.hosts(), route.backends(), route.strategy(), route.proxyProtocol(),
                route.rewriteHost(), route.maxPlayers(), ttl, route.fallback(), route.backendDownMessage(),
                route.handlers(), route.inspect(), route.forwarding(),
                route.forwardingClientUuid(), route.statusPlayers());
    }

    static Route withPlayers(Route route, StatusPlayers players) {
        return new Route(route.name(), route.hosts(), route.backends(), route.strategy(), route.proxyProtocol(),
                route.rewriteHost(), route.maxPlayers(), route.statusCacheTtl(), route.fallback(),
                route.backendDownMessage(), route.handlers(), route.inspect(), route.forwarding(),
                route.forwardingClientUuid(), players);
    }

    static Backend backend(int port) {
        return new Backend("127.0.0.1", port);
    }
}
