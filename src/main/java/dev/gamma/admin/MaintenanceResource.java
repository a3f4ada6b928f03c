package dev.gamma.admin;

import dev.gamma.cluster.RouteStore;
import dev.gamma.cluster.SharedRoute;
import dev.gamma.route.Maintenance;
import dev.gamma.route.MaintenanceJson;
import dev.gamma.route.Route;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code PUT /api/routes/{host}/maintenance}: the host's route (file or API) with the body as its maintenance mode,
 * stored as an API route under each of the route's hosts that still has it, as {@code PUT /api/routes/{host}} would:
 * the fleet shares it at once and data-dir keeps it over a restart.
 */
final class MaintenanceResource {
    private final RouteStore routes;
    private final LongSupplier clock;

    /** @param clock wall-clock millis, for {@code updatedAt} */
    MaintenanceResource(RouteStore routes, LongSupplier clock) {
        this.routes = routes;
        this.clock = clock;
    }

    void put(RoutingContext ctx) {
        String host = RoutesResource.hostKey(ctx.pathParam("host"));
        Maintenance next = maintenance(JsonBodies.object(ctx));
        Map<String, SharedRoute> table = routes.snapshot();
        SharedRoute current = table.get(host);
        if (current == null) {
            throw new ApiError(404, "no route for host " + host);
        }
        Route route = current.route().withMaintenance(next);
        long now = clock.getAsLong();
        // one put after another: each one saves the API routes to data-dir
        Future<Void> stored = Future.succeededFuture();
        for (String name : route.hosts()) {
            SharedRoute entry = table.get(name);
            // a host of the route that another route took over (an API route of its own) keeps that route
            if (entry != null && entry.route().name().equals(route.name())) {
                stored = stored.compose(v -> routes.put(new SharedRoute(name, route, SharedRoute.Source.API, now)));
            }
        }
        stored.onComplete(done -> {
            if (done.failed()) {
                ctx.fail(CommandsResource.unavailable("storing the route", done.cause()));
            } else {
                Replies.json(ctx, 200, MaintenanceJson.encode(next));
            }
        });
    }

    private static Maintenance maintenance(JsonObject body) {
        try {
            return MaintenanceJson.decode(body);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "invalid maintenance: " + e.getMessage());
        }
    }
}
