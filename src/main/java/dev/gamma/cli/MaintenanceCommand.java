package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import dev.gamma.client.Formats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gamma maintenance HOST on|off}: a route's maintenance mode, for the whole cluster. */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = "Put the route of HOST into maintenance (on) or out of it (off), on every node: the server list"
                + " shows it, and only the allowed names may log in.")
final class MaintenanceCommand extends ApiCommand {
    enum State { on, off }

    @Parameters(index = "0", paramLabel = "HOST", description = "A host of the route.")
    String host;

    @Parameters(index = "1", paramLabel = "on|off", description = "on or off.")
    State state;

    @Option(names = "--allow", paramLabel = "NAME", description = "A player name let in anyway (repeat for more).")
    List<String> allow = List.of();

    @Option(names = "--message", paramLabel = "TEXT", description = "What refused and kicked players read.")
    String message = "";

    @Option(names = "--motd", paramLabel = "TEXT", description = "What the server list shows.")
    String motd = "";

    @Option(names = "--kick-current", description = "Kick the players on the route whose names are not allowed.")
    boolean kickCurrent;

    @Override
    int run(AdminApi api) {
        JsonObject body = new JsonObject().put("enabled", state == State.on).put("motd", motd).put("message", message)
                .put("allow", new JsonArray(allow)).put("kick-current", kickCurrent);
        JsonObject stored = api.putMaintenance(host, body);
        int allowed = stored.getValue("allow") instanceof JsonArray names ? names.size() : 0;
        out().println("maintenance " + (stored.getBoolean("enabled", false) ? "on" : "off") + " for "
                + Formats.printable(host) + (allowed > 0 ? " (" + allowed + " name(s) allowed)" : ""));
        out().flush();
        return 0;
    }

    /** What {@code gamma routes} shows in its MAINTENANCE column for a route object of the API. */
    static String marker(JsonObject route) {
        return route.getValue("maintenance") instanceof JsonObject m && Boolean.TRUE.equals(m.getValue("enabled"))
                ? "on" : "";
    }
}
