package dev.gamma.config;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One route object from the admin API, read with the same keys, defaults, rules and problem texts as a route in the
 * YAML file: JSON is YAML, so the object goes through the file's own reader. Only a PUT comes this way; routes
 * from the cluster and from data-dir are read by {@code dev.gamma.route.RouteJson}.
 */
public final class RouteParser {
    /** An action runs a program or calls out from the proxy's host: only whoever writes the file may set one. */
    public static final String WAKE_REFUSED = "wake actions can only be set in the configuration file";
    private static final String ORIGIN = "route";
    private static final Pattern PREFIX = Pattern.compile("^" + ORIGIN + "(:\\d+)?: (routes\\[0]\\.?|routes: )?");

    private RouteParser() {}

    /**
     * The route for {@code host} ({@code host} in the object, if any, is replaced by it). A favicon path must
     * name a file under {@code baseDir}, the config file's directory. Throws {@link ConfigException} listing
     * every problem as {@code key: what is wrong}.
     */
    public static RouteConfig parse(String host, JsonObject route, Path baseDir) {
        if (route.containsKey("wake")) {
            throw new ConfigException(List.of("wake: " + WAKE_REFUSED));
        }
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
}
