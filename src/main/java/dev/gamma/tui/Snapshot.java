package dev.gamma.tui;

import dev.gamma.client.ApiFailure;
import dev.gamma.client.AdminApi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What one refresh read from the API.
 *
 * @param routeHosts every host of the route table
 * @param nanos      when it was read, on the monotonic clock (for rates)
 */
record Snapshot(List<Player> players, List<NodeRow> nodes, List<String> routeHosts, long nanos) {

    Snapshot {
        players = List.copyOf(players);
        nodes = List.copyOf(nodes);
        routeHosts = List.copyOf(routeHosts);
    }

    /** Three calls, on the calling thread; throws {@link dev.gamma.cli.ApiFailure}. */
    static Snapshot read(AdminApi api, long nanos) {
        List<Player> players = objects(api.players(null)).stream().map(Player::fromJson).toList();
        List<NodeRow> nodes = objects(api.nodes()).stream().map(NodeRow::fromJson).toList();
        List<String> hosts = objects(api.routes()).stream().map(r -> Cells.text(r, "host")).toList();
        return new Snapshot(players, nodes, hosts, nanos);
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }
}
