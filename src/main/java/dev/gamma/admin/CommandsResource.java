package dev.gamma.admin;

import dev.gamma.cluster.ClusterCommands;
import dev.gamma.cluster.PlayerEntry;
import dev.gamma.cluster.PlayerRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code POST /api/players/{name}/kick}, {@code POST /api/sessions/{id}/kick} and {@code POST /api/broadcast}:
 * commands to every node.
 */
final class CommandsResource {
    static final String DEFAULT_REASON = "Kicked by an operator";
    /** Minecraft's own bound for a chat line a player types; longer text wraps badly in the client. */
    static final int MAX_TEXT = 256;

    private final ClusterCommands commands;
    private final PlayerRegistry players;

    CommandsResource(ClusterCommands commands, PlayerRegistry players) {
        this.commands = commands;
        this.players = players;
    }

    void kick(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        String reason = JsonBodies.optionalString(JsonBodies.object(ctx), "reason", DEFAULT_REASON, MAX_TEXT);
        commands.kick(name, reason).onComplete(kicked -> {
            if (kicked.failed()) {
                ctx.fail(unavailable("kick", kicked.cause()));
            } else if (kicked.result() == 0) {
                ctx.fail(PlayersResource.notOnline(name));
            } else {
                Replies.json(ctx, 200, new JsonObject().put("kicked", kicked.result()));
            }
        });
    }

    /** One session, by the id {@code GET /api/players} lists: reaches a player whose name cannot be a path segment. */
    void kickSession(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String reason = JsonBodies.optionalString(JsonBodies.object(ctx), "reason", DEFAULT_REASON, MAX_TEXT);
        PlayerEntry session = players.snapshot().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> noSession(id));
        commands.kickSessions(List.of(session), reason).onComplete(kicked -> {
            if (kicked.failed()) {
                ctx.fail(unavailable("kick", kicked.cause()));
            } else if (kicked.result() == 0) {
                ctx.fail(noSession(id));
            } else {
                Replies.json(ctx, 200, new JsonObject().put("kicked", kicked.result()));
            }
        });
    }

    private static ApiError noSession(String id) {
        return new ApiError(404, "session " + id + " is not online");
    }

    void broadcast(RoutingContext ctx) {
        String message = JsonBodies.requiredString(JsonBodies.object(ctx), "message", MAX_TEXT);
        commands.broadcast(message).onComplete(sent -> {
            if (sent.failed()) {
                ctx.fail(unavailable("broadcast", sent.cause()));
            } else {
                Replies.json(ctx, 200, new JsonObject()
                        .put("reached", sent.result().reached()).put("unreachable", sent.result().unreachable()));
            }
        });
    }

    static ApiError unavailable(String what, Throwable cause) {
        return new ApiError(503, what + " failed: " + FailureResponder.describe(cause));
    }
}
