package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import dev.gamma.tui.TopApp;
import java.io.IOException;
import picocli.CommandLine.Command;

/** {@code gamma top}: the terminal UI. */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"A live view of the cluster: nodes, routes, players; pick a player to see it or kick it.",
                "Keys: arrows move, Enter details, k kick, / filter, Esc back, q quit."})
final class TopCommand extends ApiCommand {

    @Override
    int run(AdminApi api) {
        api.nodes(); // fail here, with the hint, rather than inside a full-screen view
        if (System.console() == null) {
            err().println("gamma top needs an interactive terminal; in scripts use `gamma players --json`");
            return Main.FAILED;
        }
        try (Terminal terminal = new DefaultTerminalFactory().setForceTextTerminal(true).createTerminal()) {
            new TopApp(api, terminal).run();
            return 0;
        } catch (IOException e) {
            err().println("cannot drive this terminal: " + e.getMessage());
            return Main.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILED;
        }
    }
}
