package dev.gamma.node;

import dev.gamma.config.GammaConfig;
import dev.gamma.config.RouteConfig;
import dev.gamma.relay.ProxySettings;
import dev.gamma.relay.TrustedNetworks;
import dev.gamma.route.Backend;
import dev.gamma.route.FallbackStatus;
import dev.gamma.route.Route;
import dev.gamma.route.RouteTable;
import dev.gamma.route.Strategy;
import java.util.List;

/** Turns validated configuration into the route and relay snapshots the connection path reads. */
final class RouteMapping {
    private RouteMapping() {}

    static RouteTable table(GammaConfig config) {
        return RouteTable.of(config.routes().stream().map(RouteMapping::route).toList());
    }

    static Route route(RouteConfig config) {
        return route(config, config.hosts().get(0));
    }

    /** The route under {@code name} (its first host in the file, shared by all its hosts). */
    static Route route(RouteConfig config, String name) {
        List<Backend> backends = config.backends().stream()
                .map(b -> new Backend(b.host(), b.port()))
                .toList();
        var fallback = config.status().fallback();
        return new Route(
                name,
                config.hosts(),
                backends,
                Strategy.fromConfigName(config.strategy()),
                config.proxyProtocol(),
                config.rewriteHost(),
                config.maxPlayers(),
                config.status().cacheTtl(),
                new FallbackStatus(fallback.motd(), fallback.version(), fallback.favicon(), fallback.online(), fallback.max()),
                config.messages().backendDown(),
                config.handlers(),
                config.inspect(),
                config.forwarding(),
                config.forwardingClientUuid());
    }

    static ProxySettings settings(GammaConfig config) {
        return new ProxySettings(
                config.timeouts().handshake(),
                config.timeouts().connect(),
                config.timeouts().login(),
                config.timeouts().stalled(),
                config.limits().maxHandshakeBytes(),
                config.unknownHost().motd(),
                config.unknownHost().disconnect(),
                config.proxyProtocol().enabled(),
                TrustedNetworks.parse(config.proxyProtocol().trusted()),
                config.relay().splice(),
                config.timeouts().firstByte(),
                config.limits().maxGreetingPerIp(),
                config.limits().maxGreeting());
    }
}
