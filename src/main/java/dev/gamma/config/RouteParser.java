package dev.gamma.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One route object outside the file (the admin API, the cluster table), read with the same keys, defaults and
 * rules as a route in the YAML file. JSON is YAML, so the object goes through the file's own reader.
 */
public final class RouteParser {
    private static final String ORIGIN = "route";
    private static final Pattern PREFIX = Pattern.compile("^" + ORIGIN + "(:\\d+)?: (routes\\[0]\\.?|routes: )?");

    private RouteParser() {}

    /**
     * The route for {@code host} ({@code host} in the object, if any, is replaced by it). A favicon path must
     * name a file under {@code baseDir}, the config file's directory. Throws {@link ConfigException} listing
     * every problem as {@code key: what is wrong}.
     */
    public static RouteConfig parse(String host, JsonObject route, Path baseDir) {
        JsonObject withHost = route.copy().put("host", host);
        byte[] yaml = ("routes: [" + withHost.encode() + "]").getBytes(StandardCharsets.UTF_8);
        Problems problems = new Problems();
        Tree tree = new YamlTreeReader(ORIGIN, problems).read(yaml);
        List<RouteConfig> routes = List.of();
        if (tree instanceof Tree.Mapping map) {
            Section root = new Section("", map, problems, EnvOverrides.NONE);
            routes = new RouteReader(Favicons.confinedTo(baseDir)).read(root);
        }
        if (!problems.isEmpty() || routes.size() != 1) {
            throw new ConfigException(problems.sorted().stream()
                    .map(p -> PREFIX.matcher(p).replaceFirst(""))
                    .toList());
        }
        return routes.get(0);
    }

    /** A route as the object a file or {@code PUT /api/routes/{host}} would hold. */
    public static JsonObject toJson(RouteConfig route) {
        var fallback = route.status().fallback();
        JsonObject json = new JsonObject()
                .put("host", new JsonArray(route.hosts()))
                .put("backends", new JsonArray(route.backends().stream().map(HostPort::toString).toList()))
                .put("strategy", route.strategy())
                .put("proxy-protocol", route.proxyProtocol())
                .put("forwarding", route.forwarding())
                .put("rewrite-host", route.rewriteHost())
                .put("max-players", route.maxPlayers())
                .put("status", new JsonObject()
                        .put("cache-ttl", millis(route.status().cacheTtl()))
                        .put("fallback", new JsonObject()
                                .put("motd", fallback.motd()).put("version", fallback.version())
                                .put("favicon", fallback.favicon()).put("online", fallback.online())
                                .put("max", fallback.max())))
                .put("messages", new JsonObject().put("backend-down", route.messages().backendDown()))
                .put("handlers", new JsonArray(route.handlers()))
                .put("inspect", route.inspect());
        // Written only when set: a node of an earlier release skips a shared route with a key it does not know.
        if (route.forwardingClientUuid()) {
            json.put("forwarding-client-uuid", true);
        }
        return json;
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
