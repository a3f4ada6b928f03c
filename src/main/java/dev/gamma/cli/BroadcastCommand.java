package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import io.vertx.core.json.JsonObject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gamma broadcast TEXT}: a chat line to every player the cluster can write to. */
@Command(name = "broadcast", mixinStandardHelpOptions = true,
        description = "Send a chat message to every player on every node.")
final class BroadcastCommand extends ApiCommand {
    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The message (several words are joined).")
    List<String> words;

    @Override
    int run(AdminApi api) {
        JsonObject result = api.broadcast(String.join(" ", words));
        long unreachable = result.getLong("unreachable", 0L);
        out().println("reached " + result.getLong("reached", 0L) + ", could not reach " + unreachable
                + (unreachable > 0 ? " (encrypted sessions, or routes without inspect: true)" : ""));
        out().flush();
        return 0;
    }
}
