package dev.gamma.admin;

import dev.gamma.cluster.Crosstalk;
import dev.gamma.cluster.NodeInfo;
import dev.gamma.cluster.PlayerEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /api/nodes}: the members of the cluster, oldest first, with how many players each holds and whether it
 * serves or drains.
 */
final class NodesResource {
    private final Crosstalk crosstalk;

    NodesResource(Crosstalk crosstalk) {
        this.crosstalk = crosstalk;
    }

    void list(RoutingContext ctx) {
        Map<String, Long> players = crosstalk.players().snapshot().stream()
                .collect(Collectors.groupingBy(PlayerEntry::node, Collectors.counting()));
        JsonArray answer = new JsonArray();
        crosstalk.nodes().nodes().stream()
                .sorted(Comparator.comparingLong(NodeInfo::startedAt).thenComparing(NodeInfo::id))
                .map(node -> state(node, new JsonObject()
                        .put("id", node.id()).put("address", node.address()).put("admin", node.admin())
                        .put("players", players.getOrDefault(node.id(), 0L)).put("startedAt", node.startedAt())))
                .forEach(answer::add);
        Replies.json(ctx, 200, answer);
    }

    /** {@code state}, and while draining {@code drainDeadline} (epoch ms). */
    private static JsonObject state(NodeInfo node, JsonObject entry) {
        entry.put("state", node.state());
        return node.draining() ? entry.put("drainDeadline", node.drainDeadline()) : entry;
    }
}
