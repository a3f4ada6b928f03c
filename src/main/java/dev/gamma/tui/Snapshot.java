package dev.gamma.tui;

import dev.gamma.client.ApiFailure;
import dev.gamma.client.AdminApi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one refresh read from the API.
 *
 * @param routeHosts every host of the route table
 * @param nanos      when it was read, on the monotonic clock (for rates)
 * @param inMaintenance the hosts whose route is in maintenance
 * @param guardedHosts the hosts whose route has an access list
 * @param wakeStates the wake state (asleep, starting, awake) of each host whose route has {@code wake}
 */
record Snapshot(List<Player> players, List<NodeRow> nodes, List<String> routeHosts, long nanos,
        Set<String> inMaintenance, Set<String> guardedHosts, Map<String, String> wakeStates) {
    private static final Set<String> WAKE_STATES = Set.of("asleep", "starting", "awake", "unknown");

    Snapshot(List<Player> players, List<NodeRow> nodes, List<String> routeHosts, long nanos) {
        this(players, nodes, routeHosts, nanos, Set.of(), Set.of(), Map.of());
    }

    Snapshot {
        players = List.copyOf(players);
        nodes = List.copyOf(nodes);
        routeHosts = List.copyOf(routeHosts);
        inMaintenance = Set.copyOf(inMaintenance);
        guardedHosts = Set.copyOf(guardedHosts);
        wakeStates = Map.copyOf(wakeStates);
    }

    /** Three calls, on the calling thread; throws {@link dev.gamma.cli.ApiFailure}. */
    static Snapshot read(AdminApi api, long nanos) {
        List<Player> players = objects(api.players(null)).stream().map(Player::fromJson).toList();
        List<NodeRow> nodes = objects(api.nodes()).stream().map(NodeRow::fromJson).toList();
        List<JsonObject> routes = objects(api.routes());
        List<String> hosts = routes.stream().map(r -> Cells.text(r, "host")).toList();
        Set<String> inMaintenance = routes.stream().filter(Snapshot::inMaintenance).map(r -> Cells.text(r, "host"))
                .collect(Collectors.toSet());
        Set<String> guarded = routes.stream().filter(Snapshot::hasAccessList).map(r -> Cells.text(r, "host"))
                .collect(Collectors.toSet());
        return new Snapshot(players, nodes, hosts, nanos, inMaintenance, guarded, wakeStates(routes));
    }

    /** Whether a {@code GET /api/routes} entry shows its route in maintenance; any other shape is not. */
    static boolean inMaintenance(JsonObject entry) {
        return entry.getValue("route") instanceof JsonObject route
                && route.getValue("maintenance") instanceof JsonObject maintenance
                && Boolean.TRUE.equals(maintenance.getValue("enabled"));
    }

    private static boolean hasAccessList(JsonObject entry) {
        return entry.getValue("route") instanceof JsonObject route && route.getValue("access") instanceof JsonObject;
    }

    /** Only the states the API names: a route's text is shown to the operator, bounded and known. */
    private static Map<String, String> wakeStates(List<JsonObject> routes) {
        Map<String, String> states = new HashMap<>();
        for (JsonObject route : routes) {
            if (route.getValue("wake") instanceof String state && WAKE_STATES.contains(state)) {
                states.put(Cells.text(route, "host"), state);
            }
        }
        return states;
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }
}
