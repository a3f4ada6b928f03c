package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import dev.gamma.client.Formats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gamma routes set HOST BACKEND...}: adds or replaces an API route, for the whole cluster. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = "Add or replace the route of HOST (it wins over a file route for the same host).")
final class RoutesSetCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "HOST", description = "A hostname or a wildcard like *.example.com.")
    String host;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "BACKEND", description = "host:port of a backend.")
    List<String> backends;

    @Option(names = "--strategy", paramLabel = "S", description = "first, round-robin, random or least-connections.")
    String strategy;

    @Option(names = "--proxy-protocol", paramLabel = "P", description = "none, v1 or v2 (sent to the backend).")
    String proxyProtocol;

    @Option(names = "--rewrite-host", paramLabel = "H", description = "Hostname for the forwarded handshake.")
    String rewriteHost;

    @Option(names = "--max-players", paramLabel = "N", description = "Players across the cluster; 0 = no limit.")
    Integer maxPlayers;

    @Option(names = "--inspect", description = "Frame packets (kick reasons and broadcasts reach the players).")
    boolean inspect;

    @Override
    int run(AdminApi api) {
        JsonObject route = new JsonObject().put("backends", new JsonArray(backends));
        putIfSet(route, "strategy", strategy);
        putIfSet(route, "proxy-protocol", proxyProtocol);
        putIfSet(route, "rewrite-host", rewriteHost);
        putIfSet(route, "max-players", maxPlayers);
        if (inspect) {
            route.put("inspect", true);
        }
        JsonObject stored = api.putRoute(host, route);
        out().println("route " + Formats.printable(stored.getString("host", host)) + " -> "
                + Formats.printable(String.join(", ", backends)));
        out().flush();
        return 0;
    }

    private static void putIfSet(JsonObject json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
