package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import dev.gamma.client.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gamma routes remove HOST}. */
@Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true,
        description = "Remove the API route of HOST (a file route comes back from its node's file).")
final class RoutesRemoveCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "HOST", description = "The route's host, as `gamma routes` lists it.")
    String host;

    @Override
    int run(AdminApi api) {
        api.removeRoute(host);
        out().println("removed route " + Formats.printable(host));
        out().flush();
        return 0;
    }
}
