package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gamma routes [list]}: the cluster route table; {@code set} and {@code remove} change it. */
@Command(name = "routes", mixinStandardHelpOptions = true,
        description = "List the cluster's routes (same as `routes list`); `routes set` and `routes remove` change them.",
        subcommands = {RoutesCommand.Listing.class, RoutesSetCommand.class, RoutesRemoveCommand.class})
final class RoutesCommand extends ApiCommand {
    @Option(names = "--json", description = "Print the API's JSON, for scripts.")
    boolean json;

    @Override
    int run(AdminApi api) {
        return print(api, json, this);
    }

    static int print(AdminApi api, boolean json, ApiCommand command) {
        String text = api.routesJson();
        if (json) {
            return command.printJson(text);
        }
        JsonArray routes = new JsonArray(text);
        if (routes.isEmpty()) {
            command.out().println("no routes: add one with `gamma routes set HOST BACKEND`");
            command.out().flush();
            return 0;
        }
        Table table = new Table("HOST", "SOURCE", "BACKENDS", "STRATEGY", "MAINTENANCE", "ACCESS");
        for (Object item : routes) {
            JsonObject entry = (JsonObject) item;
            JsonObject route = entry.getJsonObject("route", new JsonObject());
            table.row(entry.getString("host"), entry.getString("source"),
                    backends(route, route.containsKey("health") ? entry.getJsonObject("health") : null),
                    route.getString("strategy", ""), MaintenanceCommand.marker(route), access(route));
        }
        table.print(command.out());
        return 0;
    }

    /** {@code access} when the route has an access list ({@code --json} or the API show the list). */
    private static String access(JsonObject route) {
        return route.getValue("access") instanceof JsonObject ? "access" : "";
    }

    /** Each backend, with its health ({@code up}, {@code down}, {@code unknown}) when the route is checked. */
    private static String backends(JsonObject route, JsonObject health) {
        Object value = route.getValue("backends", route.getValue("backend"));
        if (value instanceof JsonArray list) {
            return list.stream().map(String::valueOf)
                    .map(b -> health == null ? b : b + " " + health.getValue(b, "unknown"))
                    .collect(Collectors.joining(","));
        }
        return value == null ? "" : value.toString();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the cluster's routes.")
    static final class Listing extends ApiCommand {
        @Option(names = "--json", description = "Print the API's JSON, for scripts.")
        boolean json;

        @Override
        int run(AdminApi api) {
            return print(api, json, this);
        }
    }
}
