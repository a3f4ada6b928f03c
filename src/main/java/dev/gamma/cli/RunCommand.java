package dev.gamma.cli;

import dev.gamma.GammaNode;
import dev.gamma.config.ConfigException;
import dev.gamma.config.ConfigLoader;
import dev.gamma.config.GammaConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        ConfigLoader loader = new ConfigLoader(vertx, config, System.getenv());
        GammaConfig initial;
        try {
            initial = loader.load().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            vertx.close();
            if (e.getCause() instanceof ConfigException problems) {
                System.err.println("Configuration refused:");
                problems.problems().forEach(p -> System.err.println("  " + p));
                return Main.BAD_USAGE;
            }
            System.err.println("Cannot read configuration: " + e.getCause().getMessage());
            return Main.BAD_USAGE;
        }
        GammaNode node;
        try {
            node = new GammaNode(vertx, initial);
        } catch (ConfigException problems) {
            vertx.close();
            System.err.println("Configuration refused:");
            problems.problems().forEach(p -> System.err.println("  " + config + ": " + p));
            return Main.BAD_USAGE;
        }
        try {
            node.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            System.err.println("Cannot start: " + e.getCause().getMessage());
            vertx.close();
            return Main.FAILED;
        }
        loader.watch(node::apply);
        installStopSignals(vertx, node, loader);
        LOG.info("Gamma ready: proxy {}:{}, admin off, cluster off (standalone), config {}, {} route(s)",
                initial.bind().host(), node.proxyPort(), config, initial.routes().size());
        return KEEP_RUNNING;
    }

    private static void installStopSignals(Vertx vertx, GammaNode node, ConfigLoader loader) {
        CompletableFuture<Void> stopping = new CompletableFuture<>();
        Runnable stop = () -> {
            if (stopping.isDone()) {
                return;
            }
            stopping.complete(null);
            LOG.info("stopping: no new connections, closing {} session(s)", node.activeSessions());
            loader.close();
            node.stop().eventually(vertx::close).onComplete(done -> {
                LOG.info("stopped");
                System.exit(0);
            });
        };
        Signal.handle(new Signal("TERM"), s -> stop.run());
        Signal.handle(new Signal("INT"), s -> stop.run());
    }
}
