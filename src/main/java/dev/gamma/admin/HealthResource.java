package dev.gamma.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/** {@code GET /health} and {@code GET /ready}, for load balancers and Docker: no token needed. */
final class HealthResource {
    private final BooleanSupplier ready;

    HealthResource(BooleanSupplier ready) {
        this.ready = ready;
    }

    /** Answers while the server runs at all. */
    void health(RoutingContext ctx) {
        Replies.json(ctx, 200, new JsonObject().put("status", "up"));
    }

    /** 503 until the node serves players (routes loaded, listener bound). */
    void ready(RoutingContext ctx) {
        boolean up = ready.getAsBoolean();
        Replies.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "ready" : "starting"));
    }
}
