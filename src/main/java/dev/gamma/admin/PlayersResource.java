package dev.gamma.admin;

import dev.gamma.cluster.PlayerEntry;
import dev.gamma.cluster.PlayerRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** {@code GET /api/players} and {@code GET /api/players/{name}}: the cluster's online players. */
final class PlayersResource {
    private static final Comparator<PlayerEntry> BY_NAME = Comparator
            .comparing(PlayerEntry::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparingLong(PlayerEntry::connectedAt)
            .thenComparing(PlayerEntry::id);

    private final PlayerRegistry players;

    PlayersResource(PlayerRegistry players) {
        this.players = players;
    }

    /** Filters {@code ?route=} and {@code ?name=} match whole values, ignoring case; empty means any. */
    void list(RoutingContext ctx) {
        Predicate<PlayerEntry> byRoute = matching(ctx.queryParams().get("route"), PlayerEntry::route);
        Predicate<PlayerEntry> byName = matching(ctx.queryParams().get("name"), PlayerEntry::name);
        JsonArray answer = new JsonArray();
        sorted().filter(byRoute.and(byName)).map(PlayersResource::json).forEach(answer::add);
        Replies.json(ctx, 200, answer);
    }

    /** A name held by more than one session (offline mode allows that) answers the earliest. */
    void one(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        PlayerEntry entry = sorted().filter(p -> p.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> notOnline(name));
        Replies.json(ctx, 200, json(entry));
    }

    static ApiError notOnline(String name) {
        return new ApiError(404, "player " + name + " is not online");
    }

    private Stream<PlayerEntry> sorted() {
        return players.snapshot().stream().sorted(BY_NAME);
    }

    private static Predicate<PlayerEntry> matching(String wanted, Function<PlayerEntry, String> field) {
        if (wanted == null || wanted.isBlank()) {
            return p -> true;
        }
        String w = wanted.strip();
        return p -> w.equalsIgnoreCase(field.apply(p));
    }

    /** The entry with its session id, which addresses a session whatever its name ({@code POST /api/sessions/{id}/kick}). */
    static JsonObject json(PlayerEntry entry) {
        return entry.toJson();
    }
}
