package dev.gamma.admin;

import dev.gamma.cluster.FleetAccess;
import dev.gamma.route.AccessJson;
import dev.gamma.route.AccessList;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/access}: the fleet-wide access list, {@code {allow, deny}}, in force on every node together with each
 * node's own {@code access} from its file. {@code setAt} says when it was last set (0: never).
 */
final class AccessResource {
    private final Vertx vertx;
    private final FleetAccess access;

    AccessResource(Vertx vertx, FleetAccess access) {
        this.vertx = vertx;
        this.access = access;
    }

    void get(RoutingContext ctx) {
        Replies.json(ctx, 200, json(access.current()));
    }

    /** Checked like a route's {@code access}; saving to data-dir is a file write, hence off the event loop. */
    void put(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        AccessList list;
        try {
            list = AccessJson.decode(body);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "invalid access list: " + e.getMessage());
        }
        vertx.executeBlocking(() -> access.set(list), false).onComplete(set -> {
            if (set.failed()) {
                ctx.fail(CommandsResource.unavailable("saving the access list", set.cause()));
            } else {
                Replies.json(ctx, 200, json(set.result()));
            }
        });
    }

    private static JsonObject json(FleetAccess.Setting setting) {
        return AccessJson.encode(setting.list()).put("setAt", setting.setAt());
    }
}
