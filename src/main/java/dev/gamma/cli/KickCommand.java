package dev.gamma.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gamma kick NAME}: closes every session of a player, wherever in the cluster it is. */
@Command(name = "kick", mixinStandardHelpOptions = true,
        description = "Disconnect a player (every session with that name, on any node).")
final class KickCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The player's name (any case).")
    String name;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "What the player reads (framed, unencrypted sessions only).")
    String reason;

    @Override
    int run(AdminApi api) {
        int kicked = api.kick(name, reason);
        out().println("kicked " + name + " (" + kicked + " session(s))");
        out().flush();
        return 0;
    }
}
