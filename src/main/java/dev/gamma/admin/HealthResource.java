package dev.gamma.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/** {@code GET /health} and {@code GET /ready}, for load balancers and Docker: no token needed. */
final class HealthResource {
    private final BooleanSupplier ready;
    private final BooleanSupplier draining;

    HealthResource(BooleanSupplier ready, BooleanSupplier draining) {
        this.ready = ready;
        this.draining = draining;
    }

    /** Answers while the server runs at all. */
    void health(RoutingContext ctx) {
        Replies.json(ctx, 200, new JsonObject().put("status", "up"));
    }

    /** 503 until the node serves players (routes loaded, listener bound), and again once it drains. */
    void ready(RoutingContext ctx) {
        if (draining.getAsBoolean()) {
            Replies.json(ctx, 503, new JsonObject().put("status", "draining"));
            return;
        }
        boolean up = ready.getAsBoolean();
        Replies.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "ready" : "starting"));
    }
}
