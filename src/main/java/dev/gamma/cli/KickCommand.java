package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import dev.gamma.client.Formats;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gamma kick NAME} closes every session of a player, wherever in the cluster; {@code --id} one session. */
@Command(name = "kick", mixinStandardHelpOptions = true,
        description = "Disconnect a player (every session with that name, on any node), or one session by its id.")
final class KickCommand extends ApiCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Whom whom;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "What the player reads (framed, unencrypted sessions only).")
    String reason;

    static final class Whom {
        @Parameters(index = "0", paramLabel = "NAME", description = "The player's name (any case).")
        String name;

        @Option(names = "--id", paramLabel = "ID", description = "One session's id, as `gamma players --json` lists it.")
        String id;
    }

    @Override
    int run(AdminApi api) {
        int kicked = whom.id != null ? api.kickSession(whom.id, reason) : api.kick(whom.name, reason);
        String target = whom.id != null ? "session " + whom.id : whom.name;
        out().println("kicked " + Formats.printable(target) + " (" + kicked + " session(s))");
        out().flush();
        return 0;
    }
}
