package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import dev.gamma.client.Formats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gamma players}: who is online in the cluster. */
@Command(name = "players", mixinStandardHelpOptions = true,
        description = "List the players online in the whole cluster.")
final class PlayersCommand extends ApiCommand {
    @Option(names = "--route", paramLabel = "HOST", description = "Only the players of this route.")
    String route;

    @Option(names = "--json", description = "Print the API's JSON, for scripts.")
    boolean json;

    @Override
    int run(AdminApi api) {
        String text = api.playersJson(route);
        if (json) {
            return printJson(text);
        }
        JsonArray players = new JsonArray(text);
        if (players.isEmpty()) {
            out().println(route == null ? "no players online" : "no players online on route " + Formats.printable(route));
            out().flush();
            return 0;
        }
        long now = System.currentTimeMillis();
        Table table = new Table("NAME", "NODE", "ROUTE", "BACKEND", "ADDRESS", "VERSION", "ENCRYPTED", "ONLINE FOR",
                "IN", "OUT");
        for (Object item : players) {
            JsonObject p = (JsonObject) item;
            table.row(p.getString("name"), Formats.shortId(p.getString("node")), p.getString("route"),
                    p.getString("backend"), p.getString("address"), p.getInteger("protocol", -1),
                    p.getBoolean("encrypted", false) ? "yes" : "no",
                    Formats.duration(now - p.getLong("connectedAt", now)),
                    Formats.bytes(p.getLong("bytesIn", 0L)), Formats.bytes(p.getLong("bytesOut", 0L)));
        }
        table.print(out());
        return 0;
    }
}
