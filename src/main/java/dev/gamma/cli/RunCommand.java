package dev.gamma.cli;

import dev.gamma.cluster.ClusterBootstrap;
import dev.gamma.cluster.ClusterNode;
import dev.gamma.config.ConfigException;
import dev.gamma.config.ConfigLoader;
import dev.gamma.config.GammaConfig;
import dev.gamma.node.GammaVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
    private static final long STARTUP_SECONDS = 120;

    @Option(names = {"-c", "--config"}, description = "Configuration file (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:GAMMA_CONFIG:-conf/gamma.yaml}")
    Path config;

    @Override
    public Integer call() throws Exception {
        GammaConfig initial;
        Vertx loaderVertx = Vertx.vertx();
        try {
            initial = await(new ConfigLoader(loaderVertx, config, System.getenv()).load());
        } catch (ExecutionException e) {
            return refused(e.getCause());
        } finally {
            loaderVertx.close();
        }
        ClusterNode cluster;
        // One registry for Vert.x's own metrics (vertx_*) and Gamma's (gamma_*), served at /metrics. Vert.x's TCP
        // metrics count every chunk read and written: off, so the relay does no metrics work per chunk.
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        VertxOptions options = new VertxOptions().setPreferNativeTransport(true)
                .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                        .addDisabledMetricsCategory(MetricsDomain.NET_SERVER)
                        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT));
        try {
            cluster = await(ClusterBootstrap.start(initial, options, new MicrometerMetricsFactory(metrics)));
        } catch (ExecutionException e) {
            System.err.println("Cannot join the cluster: " + e.getCause().getMessage());
            return Main.FAILED;
        }
        Vertx vertx = cluster.vertx();
        GammaVerticle node = new GammaVerticle(config, cluster).withMetrics(metrics);
        try {
            await(vertx.deployVerticle(node));
        } catch (ExecutionException e) {
            await(cluster.close());
            if (e.getCause() instanceof ConfigException problems) {
                return refused(problems);
            }
            System.err.println("Cannot start: " + e.getCause().getMessage());
            return Main.FAILED;
        }
        installStopSignals(node, cluster);
        LOG.info("Gamma ready: proxy {}:{}, admin http://{}:{}, cluster {}, config {}, {} route(s), transport {}",
                initial.bind().host(), node.node().proxyPort(), initial.admin().bind().host(), node.adminPort(),
                initial.cluster().enabled()
                        ? initial.cluster().bind() + " (" + cluster.crosstalk().nodes().nodes().size()
                                + " member(s) listed)"
                        : "off (standalone)",
                config, cluster.crosstalk().routes().snapshot().size(), transport(vertx));
        return KEEP_RUNNING;
    }

    private static int refused(Throwable cause) {
        if (cause instanceof ConfigException problems) {
            System.err.println("Configuration refused:");
            problems.problems().forEach(p -> System.err.println("  " + p));
        } else {
            System.err.println("Cannot read configuration: " + cause.getMessage());
        }
        return Main.BAD_USAGE;
    }

    private static <T> T await(Future<T> future) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        return future.toCompletionStage().toCompletableFuture().get(STARTUP_SECONDS, TimeUnit.SECONDS);
    }

    /** Closing Vert.x undeploys the node (no new connections, sessions closed, players removed), then leaves. */
    private static void installStopSignals(GammaVerticle node, ClusterNode cluster) {
        CompletableFuture<Void> stopping = new CompletableFuture<>();
        // Signal handlers run on their own thread, so the shutdown may wait for each step in order.
        Runnable stop = () -> {
            if (!stopping.complete(null)) {
                return;
            }
            LOG.info("stopping: no new connections, closing {} session(s)", node.node().activeSessions());
            quietly(cluster.vertx().close());
            LOG.info("stopped");
            System.exit(0);
        };
        Signal.handle(new Signal("TERM"), s -> stop.run());
        Signal.handle(new Signal("INT"), s -> stop.run());
    }

    private static void quietly(Future<?> step) {
        try {
            step.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("while stopping: {}", e.getMessage());
        }
    }

    /** epoll when the native transport loaded; otherwise NIO, which works everywhere, and why. */
    private static String transport(Vertx vertx) {
        if (vertx.isNativeTransportEnabled()) {
            return "epoll";
        }
        Throwable cause = vertx.unavailableNativeTransportCause();
        return "nio" + (cause == null ? "" : " (native transport unavailable: " + cause.getMessage() + ")");
    }
}
