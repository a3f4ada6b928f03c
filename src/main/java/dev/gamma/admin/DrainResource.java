package dev.gamma.admin;

import dev.gamma.cluster.ClusterCommands;
import dev.gamma.cluster.NodeDirectory;
import dev.gamma.cluster.NodeInfo;
import dev.gamma.config.ShutdownConfig;
import dev.gamma.protocol.Printable;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code POST /api/nodes/{id}/drain} {@code {deadline: "10m"}}: the node (this one, {@code self}, or any other member)
 * takes no new players, keeps relaying its sessions until they end or the deadline passes, then stops. A node already
 * draining may be given an earlier deadline, never a later one. {@code DELETE} calls the drain off before its deadline.
 */
final class DrainResource {
    static final String SELF = "self";
    static final String DEFAULT_DEADLINE = "10m";
    private static final int MAX_DEADLINE_TEXT = 32;

    private final NodeDirectory nodes;
    private final ClusterCommands commands;

    DrainResource(NodeDirectory nodes, ClusterCommands commands) {
        this.nodes = nodes;
        this.commands = commands;
    }

    void drain(RoutingContext ctx) {
        String id = member(ctx);
        Duration within = deadline(JsonBodies.object(ctx));
        commands.drain(id, within).onComplete(drained -> {
            if (drained.failed()) {
                ctx.fail(CommandsResource.unavailable("drain of node " + id, drained.cause()));
            } else {
                Replies.json(ctx, 202, new JsonObject().put("node", id).put("state", NodeInfo.DRAINING)
                        .put("deadline", drained.result()));
            }
        });
    }

    /** {@code DELETE}: the node calls its drain off and takes players again; 409 once the deadline has passed. */
    void resume(RoutingContext ctx) {
        String id = member(ctx);
        commands.resume(id).onComplete(resumed -> {
            if (resumed.succeeded()) {
                Replies.json(ctx, 200, new JsonObject().put("node", id).put("state", NodeInfo.SERVING));
            } else if (resumed.cause() instanceof ClusterCommands.Conflict tooLate) {
                ctx.fail(new ApiError(409, "node " + id + ": " + Printable.escape(tooLate.getMessage(), 200)));
            } else {
                ctx.fail(CommandsResource.unavailable("calling off the drain of node " + id, resumed.cause()));
            }
        });
    }

    /** The node the path names ({@code self}: this one); 404 unless it is in the node list. */
    private String member(RoutingContext ctx) {
        String asked = ctx.pathParam("id");
        String id = SELF.equals(asked) ? nodes.selfId() : asked;
        if (nodes.nodes().stream().map(NodeInfo::id).noneMatch(id::equals)) {
            throw new ApiError(404, "no node " + Printable.escape(id, 100) + " in the cluster (see GET /api/nodes)");
        }
        return id;
    }

    /** {@code deadline}: a duration as in the configuration, or a number of seconds; 10m when absent. */
    private static Duration deadline(JsonObject body) {
        Object value = body.getValue("deadline");
        try {
            if (value == null) {
                return ShutdownConfig.drainDeadline(DEFAULT_DEADLINE);
            } else if (value instanceof Number n) {
                return ShutdownConfig.drainDeadline(n.toString());
            } else if (value instanceof String text && text.length() <= MAX_DEADLINE_TEXT) {
                return ShutdownConfig.drainDeadline(text);
            }
            throw new IllegalArgumentException(value instanceof String ? "is too long"
                    : "must be a duration like \"10m\", got " + JsonBodies.describe(value));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "deadline: " + Printable.escape(e.getMessage(), 200),
                    new JsonObject().put("field", "deadline"));
        }
    }
}
