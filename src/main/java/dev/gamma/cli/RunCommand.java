package dev.gamma.cli;

import dev.gamma.node.NodeLauncher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code gamma run}: starts a node and keeps it running until SIGTERM or SIGINT. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start a Gamma node.")
final class RunCommand implements Callable<Integer> {
    /** Returned when the node is up: main must not exit, the signal handler does. */
    static final int KEEP_RUNNING = -1;
    private static final Logger LOG = LoggerFactory.getLogger("gamma");

    @Option(names = {"-c", "--config"}, description = "Configuration file (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:GAMMA_CONFIG:-conf/gamma.yaml}")
    Path config;

    @Override
    public Integer call() throws Exception {
        NodeLauncher.Running running;
        try {
            running = NodeLauncher.start(config, System.getenv());
        } catch (NodeLauncher.StartFailure failure) {
            failure.lines().forEach(System.err::println);
            return failure.configuration() ? Main.BAD_USAGE : Main.FAILED;
        }
        installStopSignals(running);
        return KEEP_RUNNING;
    }

    private static void installStopSignals(NodeLauncher.Running running) {
        CompletableFuture<Void> stopping = new CompletableFuture<>();
        // Signal handlers run on their own thread, so the shutdown may wait for each step in order.
        Runnable stop = () -> {
            if (!stopping.complete(null)) {
                return;
            }
            LOG.info("stopping: no new connections, closing {} session(s)",
                    running.verticle().node().activeSessions());
            running.stop();
            LOG.info("stopped");
            System.exit(0);
        };
        Signal.handle(new Signal("TERM"), s -> stop.run());
        Signal.handle(new Signal("INT"), s -> stop.run());
    }
}
