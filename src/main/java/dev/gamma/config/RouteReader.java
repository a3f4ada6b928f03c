package dev.gamma.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code routes}: each route's keys, defaults and rules, and that no host is routed twice. */
final class RouteReader {
    private static final ValueType<String> STRATEGY =
            ValueType.oneOf("strategy", List.of("first", "round-robin", "random", "least-connections"));
    private static final ValueType<String> PROXY_PROTOCOL =
            ValueType.oneOf("proxy-protocol", List.of("none", "v1", "v2"));
    private static final ValueType<String> PLAYERS = ValueType.oneOf("players", List.of("backend", "network"));
    private static final ValueType<String> FORWARDING =
            ValueType.oneOf("forwarding", List.of("none", "bungeecord"));
    private static final ValueType<HostPort> BACKEND =
            ValueType.HOST_PORT.where(b -> b.port() > 0, "a backend needs a port from 1 to 65535");
    private static final ValueType<String> REWRITE_HOST = new ValueType<>("a hostname", HostSyntax::hostname);
    private static final ValueType<Integer> NOT_NEGATIVE = ValueType.WHOLE_NUMBER.where(n -> n >= 0, "must be >= 0");
    private static final ValueType<Duration> POSITIVE_DURATION =
            ValueType.DURATION.where(d -> d.toNanos() > 0, "must be > 0");
    private static final ValueType<Integer> AT_LEAST_ONE = ValueType.WHOLE_NUMBER.where(n -> n >= 1, "must be >= 1");
    private static final String HOST_FORMS = "a hostname, a list of hostnames, a *.suffix wildcard or *";

    private final ValueType<String> favicon;

    RouteReader(Favicons favicons) {
        this.favicon = new ValueType<>("a PNG file path", favicons::dataUri);
    }

    List<RouteConfig> read(Section root) {
        Tree value = root.raw("routes");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof Tree.Sequence sequence)) {
            root.problem(value.origin(), "routes", "expected a list of routes, got " + value.describe());
            return List.of();
        }
        Map<String, String> owners = new HashMap<>();
        List<RouteConfig> routes = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            Tree item = sequence.items().get(i);
            String path = "routes[" + i + "]";
            if (item instanceof Tree.Mapping map) {
                routes.add(route(root.item(path, map), owners));
            } else {
                root.problem(item.origin(), path,
                        "expected a route (a map with host and backend), got " + item.describe());
            }
        }
        return routes;
    }

    private RouteConfig route(Section s, Map<String, String> owners) {
        RouteConfig route = new RouteConfig(
                hosts(s, owners),
                backends(s),
                s.get("strategy", STRATEGY, "first"),
                s.get("proxy-protocol", PROXY_PROTOCOL, "none"),
                s.get("rewrite-host", REWRITE_HOST, ""),
                s.get("max-players", NOT_NEGATIVE, 0),
                status(s.section("status")),
                messages(s.section("messages")),
                s.list("handlers", ValueType.NON_EMPTY, List.of()),
                s.get("inspect", ValueType.BOOLEAN, false),
                s.get("forwarding", FORWARDING, "none"),
                s.get("forwarding-client-uuid", ValueType.BOOLEAN, false),
                health(s),
                MaintenanceReader.read(s),
                AccessReader.read(s),
                WakeReader.read(s));
        if (route.forwardingClientUuid() && !"bungeecord".equals(route.forwarding())) {
            s.problem(s.originOf("forwarding-client-uuid"), s.path("forwarding-client-uuid"),
                    "applies only with forwarding: bungeecord");
        }
        s.finish();
        return route;
    }

    /** {@code owners} maps each host already routed to the route that has it, e.g. {@code routes[0]}. */
    private List<String> hosts(Section s, Map<String, String> owners) {
        Tree value = s.raw("host");
        if (value == null) {
            s.problem(s.origin(), s.path(), "needs a host (" + HOST_FORMS + ")");
            return List.of();
        }
        if (value instanceof Tree.Mapping) {
            s.problem(value.origin(), s.path("host"), "expected " + HOST_FORMS + ", got a map");
            return List.of();
        }
        boolean isList = value instanceof Tree.Sequence;
        List<Tree> items = value instanceof Tree.Sequence sequence ? sequence.items() : List.of(value);
        if (items.isEmpty()) {
            s.problem(value.origin(), s.path("host"), "must list at least one host");
        }
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Tree item = items.get(i);
            String path = isList ? s.path("host") + "[" + i + "]" : s.path("host");
            String host = hostOf(s, item, path);
            if (host == null || hosts.contains(host)) {
                continue; // listing a host twice in one route is harmless
            }
            String owner = owners.putIfAbsent(host, s.path());
            if (owner != null) {
                s.problem(item.origin(), path, "\"" + host + "\" is already routed by " + owner);
            }
            hosts.add(host);
        }
        return hosts;
    }

    private static String hostOf(Section s, Tree item, String path) {
        if (!(item instanceof Tree.Scalar scalar) || scalar.isNull()) {
            s.problem(item.origin(), path, "expected a hostname, got " + item.describe());
            return null;
        }
        try {
            return HostSyntax.routeHost(scalar.text());
        } catch (IllegalArgumentException e) {
            s.problem(item.origin(), path, e.getMessage());
            return null;
        }
    }

    private static List<HostPort> backends(Section s) {
        boolean one = s.raw("backend") != null;
        boolean many = s.raw("backends") != null;
        if (one && many) {
            s.problem(s.originOf("backends"), s.path(), "has both backend and backends; use one");
        } else if (!one && !many) {
            s.problem(s.origin(), s.path(), "needs a backend (backend: host:port, or backends: [host:port, ...])");
        }
        HostPort single = s.get("backend", BACKEND, null);
        List<HostPort> list = s.list("backends", BACKEND, List.of());
        if (s.raw("backends") instanceof Tree.Sequence q && q.items().isEmpty()) {
            s.problem(s.originOf("backends"), s.path("backends"), "must list at least one backend");
        }
        return single != null ? List.of(single) : list;
    }

    private StatusConfig status(Section s) {
        Duration cacheTtl = s.get("cache-ttl", ValueType.DURATION, Duration.ofSeconds(10));
        Section f = s.section("fallback");
        StatusConfig status = new StatusConfig(cacheTtl,
                f.get("motd", ValueType.STRING, "Server is offline"),
                f.get("version", ValueType.STRING, ""),
                f.get("favicon", favicon, ""),
                f.get("online", NOT_NEGATIVE, 0),
                f.get("max", NOT_NEGATIVE, 0),
                players(s));
        f.finish();
        s.finish();
        return status;
    }

    private static StatusPlayersConfig players(Section s) {
        return new StatusPlayersConfig(
                s.get("players", PLAYERS, "backend"),
                s.get("max", NOT_NEGATIVE, StatusPlayersConfig.NOT_SET),
                s.get("sample", ValueType.BOOLEAN, false));
    }

    /** Null when the route has no {@code health} key; {@code health: {}} is every default. */
    private static HealthConfig health(Section route) {
        if (route.raw("health") == null) {
            return null;
        }
        Section s = route.section("health");
        HealthConfig health = new HealthConfig(
                s.get("interval", POSITIVE_DURATION, Duration.ofSeconds(5)),
                s.get("timeout", POSITIVE_DURATION, Duration.ofSeconds(2)),
                s.get("fails", AT_LEAST_ONE, 2),
                s.get("passes", AT_LEAST_ONE, 2));
        if (health.timeout().compareTo(health.interval()) >= 0) {
            s.problem(s.originOf("timeout"), s.path("timeout"), "must be shorter than interval");
        }
        s.finish();
        return health;
    }

    private static MessagesConfig messages(Section s) {
        MessagesConfig messages = new MessagesConfig(
                s.get("backend-down", ValueType.STRING, "The server is not reachable right now"));
        s.finish();
        return messages;
    }
}
