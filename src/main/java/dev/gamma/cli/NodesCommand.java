package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import dev.gamma.client.Formats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gamma nodes}: the cluster's members. */
@Command(name = "nodes", mixinStandardHelpOptions = true, description = "List the nodes of the cluster.")
final class NodesCommand extends ApiCommand {
    @Option(names = "--json", description = "Print the API's JSON, for scripts.")
    boolean json;

    @Override
    int run(AdminApi api) {
        String text = api.nodesJson();
        if (json) {
            return printJson(text);
        }
        long now = System.currentTimeMillis();
        Table table = new Table("ID", "ADDRESS", "ADMIN", "PLAYERS", "UP FOR", "STATE");
        for (Object item : new JsonArray(text)) {
            JsonObject node = (JsonObject) item;
            table.row(Formats.shortId(node.getString("id")), node.getString("address"), node.getString("admin"),
                    node.getLong("players", 0L), Formats.duration(now - node.getLong("startedAt", now)),
                    state(node, now));
        }
        table.print(out());
        return 0;
    }

    /** {@code serving}, or {@code draining} and the time left before the node closes its sessions. */
    private static String state(JsonObject node, long now) {
        String state = node.getValue("state") instanceof String s ? s : "serving";
        return "draining".equals(state) && node.getValue("drainDeadline") instanceof Number deadline
                ? state + " (" + Formats.duration(deadline.longValue() - now) + " left)" : state;
    }
}
