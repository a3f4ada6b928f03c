package dev.gamma.cluster;

import dev.gamma.route.Route;
import dev.gamma.route.RouteJson;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the cluster route table: a hostname and its route. File routes come from a node's configuration
 * file; API routes from {@code PUT /api/routes/{host}} and win over file routes for the same host. As JSON (the
 * cluster map's values and the admin API's answers): {@code {host, route, source, updatedAt}}, the route in its
 * one JSON form ({@link RouteJson}).
 *
 * @param updatedAt wall-clock millis of the last change, to merge persisted tables after a full restart
 */
public record SharedRoute(String host, Route route, Source source, long updatedAt) {

    public enum Source { FILE, API }

    public SharedRoute {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(source, "source");
    }

    public JsonObject toJson() {
        return new JsonObject().put("host", host).put("route", RouteJson.encode(route))
                .put("source", source.name().toLowerCase(Locale.ROOT)).put("updatedAt", updatedAt);
    }

    /** Reads what {@link #toJson()} writes; throws {@link IllegalArgumentException} saying what is wrong. */
    public static SharedRoute fromJson(JsonObject json) {
        if (!(json.getValue("host") instanceof String host)) {
            throw new IllegalArgumentException("host: expected a string");
        }
        if (!(json.getValue("route") instanceof JsonObject object)) {
            throw new IllegalArgumentException("route: expected an object");
        }
        return new SharedRoute(host, routeOf(host, object), source(json.getValue("source", "api")), updatedAt(json));
    }

    /** The route stored under {@code host} (in the cluster table or on disk), which must list that host. */
    static Route routeOf(String host, JsonObject json) {
        Route route;
        try {
            route = RouteJson.decode(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("route." + e.getMessage(), e);
        }
        if (!route.hosts().contains(host)) {
            throw new IllegalArgumentException("route.host does not list " + host);
        }
        return route;
    }

    private static Source source(Object value) {
        if ("api".equals(value)) {
            return Source.API;
        }
        if ("file".equals(value)) {
            return Source.FILE;
        }
        throw new IllegalArgumentException("source: expected api or file");
    }

    private static long updatedAt(JsonObject json) {
        Object value = json.getValue("updatedAt", 0L);
        if (!(value instanceof Integer || value instanceof Long)) {
            throw new IllegalArgumentException("updatedAt: expected a whole number");
        }
        return ((Number) value).longValue();
    }
}
