package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import dev.gamma.client.Formats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gamma access}: the fleet-wide access list; {@code deny}, {@code allow} and {@code remove} change it (read,
 * changed and put back whole: two operators changing it at the same moment may lose one change).
 */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = "Show the fleet-wide access list (besides each node's file `access`); `access deny CIDR`,"
                + " `access allow CIDR` and `access remove CIDR` change it on every node.",
        subcommands = {AccessCommand.Deny.class, AccessCommand.Allow.class, AccessCommand.Remove.class})
final class AccessCommand extends ApiCommand {
    @Option(names = "--json", description = "Print the API's JSON, for scripts.")
    boolean json;

    @Override
    int run(AdminApi api) {
        JsonObject access = api.access();
        if (json) {
            return printJson(access.encode());
        }
        return show(this, access);
    }

    static int show(ApiCommand command, JsonObject access) {
        command.out().println("allow: " + entries(access, "allow", "everyone not denied"));
        command.out().println("deny:  " + entries(access, "deny", "nobody"));
        command.out().flush();
        return 0;
    }

    private static String entries(JsonObject access, String key, String none) {
        JsonArray list = access.getJsonArray(key, new JsonArray());
        return list.isEmpty() ? "(" + none + ")" : Formats.printable(String.join(" ", list.stream()
                .map(String::valueOf).toList()));
    }

    /** Puts {@code cidr} in list {@code add} (null: none) and takes it out of every other list. */
    static int change(ApiCommand command, AdminApi api, String cidr, String add) {
        JsonObject current = api.access();
        JsonObject next = new JsonObject();
        for (String key : List.of("allow", "deny")) {
            JsonArray list = new JsonArray(new ArrayList<>(current.getJsonArray(key, new JsonArray()).stream()
                    .filter(entry -> !cidr.strip().equals(entry)).toList()));
            if (key.equals(add)) {
                list.add(cidr.strip());
            }
            next.put(key, list);
        }
        return show(command, api.putAccess(next));
    }

    @Command(name = "deny", mixinStandardHelpOptions = true,
            description = "Close connections from CIDR (an address or range) at accept, on every node.")
    static final class Deny extends ApiCommand {
        @Parameters(index = "0", paramLabel = "CIDR", description = "An IP address or CIDR range, like 192.0.2.0/24.")
        String cidr;

        @Override
        int run(AdminApi api) {
            return change(this, api, cidr, "deny");
        }
    }

    @Command(name = "allow", mixinStandardHelpOptions = true,
            description = "Add CIDR to the allow list: once it has an entry, only allowed addresses may connect.")
    static final class Allow extends ApiCommand {
        @Parameters(index = "0", paramLabel = "CIDR", description = "An IP address or CIDR range, like 10.0.0.0/8.")
        String cidr;

        @Override
        int run(AdminApi api) {
            return change(this, api, cidr, "allow");
        }
    }

    @Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true,
            description = "Take CIDR out of the allow and deny lists, as written there.")
    static final class Remove extends ApiCommand {
        @Parameters(index = "0", paramLabel = "CIDR", description = "The entry as `gamma access` shows it.")
        String cidr;

        @Override
        int run(AdminApi api) {
            return change(this, api, cidr, null);
        }
    }
}
