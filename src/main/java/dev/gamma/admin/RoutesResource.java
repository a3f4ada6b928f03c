package dev.gamma.admin;

import dev.gamma.cluster.ConfiguredRoutes;
import dev.gamma.cluster.HealthTable;
import dev.gamma.cluster.RouteStore;
import dev.gamma.cluster.SharedRoute;
import dev.gamma.cluster.WakeTable;
import dev.gamma.config.ConfigException;
import dev.gamma.config.RouteConfig;
import dev.gamma.config.RouteParser;
import dev.gamma.route.WakeJson;
import dev.gamma.route.WakeState;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code /api/routes}: the cluster route table, read and changed by host. Entries read here carry, next to the
 * route, {@code health}: each backend's state ({@code up}, {@code down}, {@code unknown}) as this node knows it, and
 * for a route with {@code wake}, {@code wake}: {@code awake}, {@code asleep}, {@code starting} (or {@code unknown}).
 */
final class RoutesResource {
    private final Vertx vertx;
    private final RouteStore routes;
    private final HealthTable health;
    private final WakeTable wake;
    private final Path baseDir;
    private final LongSupplier clock;

    /** @param clock wall-clock millis, for {@code updatedAt} */
    RoutesResource(Vertx vertx, RouteStore routes, HealthTable health, WakeTable wake, Path baseDir,
            LongSupplier clock) {
        this.vertx = vertx;
        this.routes = routes;
        this.health = health;
        this.wake = wake;
        this.baseDir = baseDir;
        this.clock = clock;
    }

    void list(RoutingContext ctx) {
        JsonArray answer = new JsonArray();
        routes.snapshot().values().stream().sorted(Comparator.comparing(SharedRoute::host))
                .map(this::withHealth).forEach(answer::add);
        Replies.json(ctx, 200, answer);
    }

    void one(RoutingContext ctx) {
        String host = hostParam(ctx);
        SharedRoute route = routes.snapshot().get(host);
        if (route == null) {
            throw noRoute(host);
        }
        Replies.json(ctx, 200, withHealth(route));
    }

    private JsonObject withHealth(SharedRoute route) {
        JsonObject states = new JsonObject();
        health.states(route.route()).forEach((backend, state) -> states.put(backend.toString(), state.label()));
        JsonObject json = route.toJson().put("health", states);
        if (json.getValue("route") instanceof JsonObject shown) {
            WakeJson.withoutSecrets(shown);
        }
        if (route.route().wake() != null) {
            WakeState state = wake.state(route.route().name());
            json.put("wake", state == null ? "unknown" : state.label());
        }
        return json;
    }

    /** Validated like a route of the file; a favicon path is read from disk, hence off the event loop. */
    void put(RoutingContext ctx) {
        String host = hostParam(ctx);
        JsonObject body = JsonBodies.object(ctx);
        if (body.containsKey("wake")) {
            throw new ApiError(400, RouteParser.WAKE_REFUSED);
        }
        vertx.executeBlocking(() -> RouteParser.parse(host, body, baseDir), false).onComplete(parsed -> {
            if (parsed.failed()) {
                ctx.fail(parsed.cause() instanceof ConfigException invalid
                        ? new ApiError(400, "invalid route", new JsonObject()
                                .put("problems", new JsonArray(invalid.problems())))
                        : CommandsResource.unavailable("checking the route", parsed.cause()));
            } else {
                store(ctx, parsed.result());
            }
        });
    }

    private void store(RoutingContext ctx, RouteConfig parsed) {
        SharedRoute route = ConfiguredRoutes.apiEntry(parsed, clock.getAsLong());
        String host = route.host(); // the parser's normal form: lower case, no trailing dot
        boolean created = !routes.snapshot().containsKey(host);
        routes.put(route).onComplete(stored -> {
            if (stored.failed()) {
                ctx.fail(CommandsResource.unavailable("storing the route", stored.cause()));
                return;
            }
            if (created) {
                ctx.response().putHeader(HttpHeaders.LOCATION,
                        "/api/routes/" + URLEncoder.encode(host, StandardCharsets.UTF_8));
            }
            Replies.json(ctx, created ? 201 : 200, route.toJson());
        });
    }

    void delete(RoutingContext ctx) {
        String host = hostParam(ctx);
        routes.remove(host).onComplete(removed -> {
            if (removed.failed()) {
                ctx.fail(CommandsResource.unavailable("removing the route", removed.cause()));
            } else if (removed.result()) {
                Replies.noContent(ctx);
            } else {
                ctx.fail(noRoute(host));
            }
        });
    }

    /** The host as the table keys it: lower case, without a trailing dot. */
    static String hostKey(String text) {
        String host = text.strip().toLowerCase(Locale.ROOT);
        return host.length() > 1 && host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static String hostParam(RoutingContext ctx) {
        return hostKey(ctx.pathParam("host"));
    }

    private static ApiError noRoute(String host) {
        return new ApiError(404, "no route for host " + host);
    }
}
