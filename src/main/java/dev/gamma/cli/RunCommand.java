package dev.gamma.cli;

import dev.gamma.node.GammaNode;
import dev.gamma.node.NodeLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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
        running.announceReady();
        return KEEP_RUNNING;
    }

    /**
     * The first SIGTERM or SIGINT drains the node when {@code shutdown.drain-deadline} is set (read at the signal, so a
     * reload applies), else stops it; another signal stops it at once, unless the drain was called off meanwhile. A
     * drain, however started (signal or API), ends in the same stop and exit 0.
     */
    private static void installStopSignals(NodeLauncher.Running running) {
        CompletableFuture<Void> stopping = new CompletableFuture<>();
        AtomicInteger signals = new AtomicInteger();
        GammaNode node = running.verticle().node();
        // Signal handlers run on their own thread, so the shutdown may wait for each step in order.
        Runnable stop = () -> {
            if (!stopping.complete(null)) {
                return;
            }
            LOG.info("stopping: no new connections, closing {} session(s)", node.activeSessions());
            running.stop();
            LOG.info("stopped");
            System.exit(0);
        };
        Consumer<Signal> onSignal = signal -> {
            Duration drain = node.shutdownDrain();
            // the first signal, or the first since a drain was called off, drains
            if ((signals.incrementAndGet() == 1 || !node.draining()) && !drain.isZero()) {
                LOG.info("SIG{}: draining for at most {} s; send it again to stop at once", signal.getName(),
                        drain.toSeconds());
                node.drain(drain);
            } else {
                stop.run();
            }
        };
        node.drained().onComplete(done -> new Thread(stop, "gamma-stop").start());
        Signal.handle(new Signal("TERM"), onSignal::accept);
        Signal.handle(new Signal("INT"), onSignal::accept);
    }
}
