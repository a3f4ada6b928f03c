package dev.gamma.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gamma} command. Exit codes: 0 done, 1 the operation failed, 2 bad usage or configuration. */
@Command(
        name = "gamma",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A clustered reverse proxy for Minecraft: Java edition.",
        subcommands = {RunCommand.class, LocalClusterCommand.class, PlayersCommand.class, KickCommand.class,
                BroadcastCommand.class, RoutesCommand.class, MaintenanceCommand.class, NodesCommand.class,
                DrainCommand.class, TopCommand.class, AccessCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    static final int FAILED = 1;
    static final int BAD_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != RunCommand.KEEP_RUNNING) {
            System.exit(code);
        }
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExitCodeExceptionMapper(e -> BAD_USAGE)
                .setParameterExceptionHandler((e, args) -> {
                    e.getCommandLine().getErr().println(e.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(e, e.getCommandLine().getErr());
                    e.getCommandLine().getErr().println("Try: gamma " + helpPath(e.getCommandLine()) + "--help");
                    return BAD_USAGE;
                });
    }

    private static String helpPath(CommandLine cmd) {
        String path = cmd.getCommandSpec().qualifiedName(" ");
        return path.equals("gamma") ? "" : path.substring("gamma ".length()) + " ";
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try `gamma run`.");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"gamma " + (version == null ? "dev" : version)};
        }
    }
}
