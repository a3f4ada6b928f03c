package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import dev.gamma.client.Formats;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gamma drain [NODE] [--deadline 10m]}: a node stops taking players, then stops once they are gone. */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = {"Drain a node: it takes no new players, relays its sessions until they end or the deadline"
                + " passes (then tells the players left to reconnect and closes them), then stops.",
                "Draining a draining node may bring its deadline forward, never back; --cancel calls the drain off"
                        + " until its deadline."})
final class DrainCommand extends ApiCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", defaultValue = "self",
            description = "A node id as `gamma nodes` lists it (default: the node --api points at).")
    String node;

    @Option(names = "--deadline", paramLabel = "DURATION",
            description = "How long players may stay, like 90s, 10m or 1h (at most 24h; default 10m).")
    String deadline;

    @Option(names = "--cancel", description = "Call the drain off before its deadline: the node takes players again.")
    boolean cancel;

    @Override
    int run(AdminApi api) {
        if (cancel && deadline != null) {
            err().println("--cancel calls a drain off; it takes no --deadline");
            err().flush();
            return Main.BAD_USAGE;
        }
        if (cancel) {
            JsonObject answer = api.resume(node);
            out().println("node " + Formats.printable(answer.getString("node", node)) + " serving again");
            out().flush();
            return 0;
        }
        JsonObject answer = api.drain(node, deadline);
        long until = answer.getValue("deadline") instanceof Number n ? n.longValue() : 0;
        out().println("node " + Formats.printable(answer.getString("node", node)) + " draining until "
                + Instant.ofEpochMilli(until) + " (" + Math.max(0, (until - System.currentTimeMillis()) / 1000)
                + " s from now)");
        out().flush();
        return 0;
    }
}
