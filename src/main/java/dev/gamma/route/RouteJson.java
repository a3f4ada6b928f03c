package dev.gamma.route;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one JSON form of a {@link Route}, wherever a route crosses a boundary: the cluster table, data-dir/routes.json
 * and the admin API's answers. The keys are those of a route in the YAML file ({@code host} always a list,
 * {@code backends} always a list, durations as text); a route's name is its first host.
 *
 * <p>Decoding is for values from elsewhere (another node, a file on disk): every key's type and value is checked,
 * an unknown key is refused, and a favicon must already be a data URI (a route from elsewhere never makes this
 * node read a file). Keys left out take the YAML file's defaults.
 */
public final class RouteJson {
    public static final String FAVICON_PREFIX = "data:image/png;base64,";
    /** What the configuration lets through: a PNG of at most 20 KiB, in base64. */
    static final int MAX_FAVICON_CHARS = FAVICON_PREFIX.length() + (20 * 1024 + 2) / 3 * 4;
    private static final Pattern HOST = Pattern.compile("\\*|(\\*\\.)?[a-z0-9_]([a-z0-9_.-]{0,251}[a-z0-9_])?");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,18})(?:\\.([0-9]{1,9}))?(ms|s|m|h)?");
    private static final List<String> PROXY_PROTOCOLS = List.of("none", "v1", "v2");
    private static final List<String> FORWARDINGS = List.of("none", "bungeecord");
    private static final List<String> PLAYER_SOURCES = List.of("backend", "network");

    private RouteJson() {}

    public static JsonObject encode(Route route) {
        FallbackStatus fallback = route.fallback();
        JsonObject json = new JsonObject()
                .put("host", new JsonArray(route.hosts()))
                .put("backends", new JsonArray(route.backends().stream().map(Backend::toString).toList()))
                .put("strategy", route.strategy().configName())
                .put("proxy-protocol", route.proxyProtocol())
                .put("forwarding", route.forwarding())
                .put("rewrite-host", route.rewriteHost())
                .put("max-players", route.maxPlayers())
                .put("status", new JsonObject()
                        .put("cache-ttl", durationText(route.statusCacheTtl()))
                        .put("fallback", new JsonObject()
                                .put("motd", fallback.motd()).put("version", fallback.version())
                                .put("favicon", fallback.favicon()).put("online", fallback.online())
                                .put("max", fallback.max())))
                .put("messages", new JsonObject().put("backend-down", route.backendDownMessage()))
                .put("handlers", new JsonArray(route.handlers()))
                .put("inspect", route.inspect());
        // Written only when set: a node of an earlier release refuses a shared route with a key it does not know.
        if (route.forwardingClientUuid()) {
            json.put("forwarding-client-uuid", true);
        }
        encodePlayers(route.statusPlayers(), json.getJsonObject("status"));
        if (route.health() != null) {
            json.put("health", HealthJson.encode(route.health()));
        }
        MaintenanceJson.encodeInto(route, json);
        if (!route.access().isOpen()) {
            json.put("access", AccessJson.encode(route.access()));
        }
        if (route.wake() != null) {
            json.put("wake", WakeJson.encode(route.wake()));
        }
        return json;
    }

    /** Reads JSON text; throws {@link IllegalArgumentException} saying what is wrong and where. */
    public static Route decode(String text) {
        try {
            return decode(new JsonObject(text));
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage());
        }
    }

    /** Reads a route object; throws {@link IllegalArgumentException} naming the first key that is wrong. */
    public static Route decode(JsonObject json) {
        JsonFields f = new JsonFields(json, "");
        List<String> hosts = f.list("host", RouteJson::host);
        if (hosts == null || hosts.isEmpty()) {
            throw f.problem("host", "must list at least one host");
        }
        List<Backend> backends = f.list("backends", Backend::parse);
        if (backends == null || backends.isEmpty()) {
            throw f.problem("backends", "must list at least one backend");
        }
        Strategy strategy = f.checked("strategy", f.string("strategy", "first"), RouteJson::strategy);
        String proxyProtocol = f.checked("proxy-protocol", f.string("proxy-protocol", "none"),
                s -> oneOf(s, PROXY_PROTOCOLS));
        String forwarding = f.checked("forwarding", f.string("forwarding", "none"), s -> oneOf(s, FORWARDINGS));
        boolean clientUuid = f.bool("forwarding-client-uuid", false);
        if (clientUuid && !forwarding.equals("bungeecord")) {
            throw f.problem("forwarding-client-uuid", "applies only with forwarding: bungeecord");
        }
        String rewriteHost = f.checked("rewrite-host", f.string("rewrite-host", ""), RouteJson::rewriteHost);
        int maxPlayers = f.count("max-players", 0);
        JsonFields status = f.object("status");
        Duration ttl = status.checked("cache-ttl", status.string("cache-ttl", "10s"), RouteJson::parseDuration);
        FallbackStatus fallback = fallback(status.object("fallback"));
        StatusPlayers players = players(status);
        status.finish();
        JsonFields messages = f.object("messages");
        String backendDown = messages.string("backend-down", "The server is not reachable right now");
        messages.finish();
        List<String> handlers = f.list("handlers", RouteJson::handler);
        boolean inspect = f.bool("inspect", false);
        HealthCheck health = HealthJson.decode(f.optionalObject("health"));
        Maintenance maintenance = MaintenanceJson.decode(f.optionalObject("maintenance"));
        AccessList access = AccessJson.decode(f.optionalObject("access"));
        Wake wake = WakeJson.decode(f.optionalObject("wake"));
        f.finish();
        return new Route(hosts.get(0), hosts, backends, strategy, proxyProtocol, rewriteHost, maxPlayers, ttl,
                fallback, backendDown, handlers == null ? List.of() : handlers, inspect, forwarding, clientUuid,
                players, health, maintenance, access, wake);
    }

    /** Like forwarding-client-uuid, written only when not the default, for nodes of earlier releases. */
    private static void encodePlayers(StatusPlayers players, JsonObject status) {
        if (players.network()) {
            status.put("players", players.source());
        }
        if (players.max() != StatusPlayers.BACKEND_MAX) {
            status.put("max", players.max());
        }
        if (players.sample()) {
            status.put("sample", true);
        }
    }

    private static StatusPlayers players(JsonFields status) {
        String source = status.checked("players", status.string("players", "backend"), s -> oneOf(s, PLAYER_SOURCES));
        int max = status.count("max", StatusPlayers.BACKEND_MAX);
        return new StatusPlayers(source.equals("network"), max, status.bool("sample", false));
    }

    private static FallbackStatus fallback(JsonFields f) {
        FallbackStatus fallback = new FallbackStatus(
                f.string("motd", "Server is offline"),
                f.string("version", ""),
                f.checked("favicon", f.string("favicon", ""), RouteJson::favicon),
                f.count("online", 0),
                f.count("max", 0));
        f.finish();
        return fallback;
    }

    private static String host(String text) {
        if (!HOST.matcher(text).matches() || text.contains("..")) {
            throw new IllegalArgumentException("\"" + text + "\" is not a lower-case hostname, *.suffix or *");
        }
        return text;
    }

    private static String handler(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a handler name must not be empty");
        }
        return name;
    }

    private static String rewriteHost(String text) {
        if (text.isEmpty()) {
            return text;
        }
        if (text.startsWith("*")) {
            throw new IllegalArgumentException("\"" + text + "\" is not a hostname");
        }
        return host(text);
    }

    private static Strategy strategy(String name) {
        return Strategy.fromConfigName(oneOf(name, Stream.of(Strategy.values()).map(Strategy::configName).toList()));
    }

    private static String oneOf(String value, List<String> choices) {
        if (!choices.contains(value)) {
            throw new IllegalArgumentException("expected one of " + String.join(", ", choices) + ", got \""
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "\"");
        }
        return value;
    }

    private static String favicon(String uri) {
        if (uri.isEmpty()) {
            return uri;
        }
        if (!uri.startsWith(FAVICON_PREFIX) || uri.length() > MAX_FAVICON_CHARS) {
            throw new IllegalArgumentException("expected \"\" or a " + FAVICON_PREFIX + " URI of a PNG of at most"
                    + " 20 KiB");
        }
        try {
            Base64.getDecoder().decode(uri.substring(FAVICON_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the data URI is not valid base64");
        }
        return uri;
    }

    /** Whole milliseconds as {@code 1500ms} (what every release wrote); anything finer in decimal seconds. */
    static String durationText(Duration duration) {
        if (duration.toNanosPart() % 1_000_000 == 0) {
            return duration.toMillis() + "ms";
        }
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                .toPlainString() + "s";
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration (like 500ms, 5s, 2m or 1h)");
        }
        long nanosPerUnit = switch (m.group(3) == null ? "s" : m.group(3)) {
            case "ms" -> 1_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1_000_000_000L;
        };
        BigDecimal amount = new BigDecimal(m.group(1) + (m.group(2) == null ? "" : "." + m.group(2)));
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
