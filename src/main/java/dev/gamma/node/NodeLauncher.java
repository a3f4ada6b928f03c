package dev.gamma.node;

import dev.gamma.cluster.ClusterBootstrap;
import dev.gamma.cluster.ClusterNode;
import dev.gamma.config.ConfigException;
import dev.gamma.config.ConfigLoader;
import dev.gamma.config.GammaConfig;
import dev.gamma.config.RelayConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Starts a node as {@code gamma run} does, from a main thread that may wait: reads the configuration, builds Vert.x
 * (clustered or not, with its metrics in the node's registry) and deploys a {@link GammaVerticle} on it.
 */
public final class NodeLauncher {
    private static final Logger LOG = LoggerFactory.getLogger("gamma");
    private static final long STARTUP_SECONDS = 120;
    private static final long STEP_SECONDS = 15;
    private static final long STOP_SECONDS = 30;

    private NodeLauncher() {}

    /**
     * A node {@link #start} started; it says it is ready ({@link #announceReady}) only once its owner can stop it, as
     * whoever waits for that line may signal it at once.
     */
    public record Running(ClusterNode cluster, GammaVerticle verticle, String readyLine) {

        public void announceReady() {
            LOG.info("{}", readyLine);
        }

        /** Undeploys the node (no new connections, sessions closed, players removed), then closes Vert.x. */
        public void stop() {
            try {
                cluster.vertx().close().toCompletionStage().toCompletableFuture().get(STOP_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.getMessage());
            }
        }
    }

    /** Why a node did not start; {@code configuration} when the configuration was refused or unreadable. */
    public static final class StartFailure extends Exception {
        private final boolean configuration;
        private final List<String> lines;

        StartFailure(boolean configuration, List<String> lines) {
            super(String.join("\n", lines));
            this.configuration = configuration;
            this.lines = List.copyOf(lines);
        }

        public boolean configuration() {
            return configuration;
        }

        /** What to print, a line each. */
        public List<String> lines() {
            return lines;
        }
    }

    public static Running start(Path configFile, Map<String, String> environment)
            throws StartFailure, InterruptedException {
        NettySettings.apply();
        GammaConfig initial;
        Vertx loader = Vertx.vertx();
        try {
            initial = await(new ConfigLoader(loader, configFile, environment).load());
        } catch (ExecutionException e) {
            throw refused(e.getCause());
        } finally {
            loader.close();
        }
        // One registry for Vert.x's own metrics (vertx_*) and Gamma's (gamma_*), served at /metrics. Vert.x's TCP
        // metrics count every chunk read and written: off, so the relay does no metrics work per chunk.
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        VertxOptions options = new VertxOptions().setPreferNativeTransport(true)
                .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                        .addDisabledMetricsCategory(MetricsDomain.NET_SERVER)
                        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT))
                .setEventLoopPoolSize(initial.relay().eventLoopsFor(Runtime.getRuntime().availableProcessors()));
        NodeTransport transport = NodeTransport.choose(initial.relay());
        if (!transport.fallback().isEmpty()) {
            // a warning only when the operator named what the node cannot have; auto takes what there is
            boolean named = initial.relay().transport() != RelayConfig.Transport.AUTO;
            LOG.atLevel(named ? Level.WARN : Level.INFO).log("relay.transport {}: {}; running on {}",
                    initial.relay().transport().key(), transport.fallback(), NodeTransport.name(transport.transport()));
        }
        ClusterNode cluster;
        try {
            cluster = await(ClusterBootstrap.start(initial, options, new MicrometerMetricsFactory(metrics),
                    transport.transport()));
        } catch (ExecutionException e) {
            throw new StartFailure(false, List.of("Cannot join the cluster: " + e.getCause().getMessage()));
        }
        GammaVerticle verticle = new GammaVerticle(configFile, cluster).withEnvironment(environment).withMetrics(metrics)
                .withConfig(initial);
        try {
            await(cluster.vertx().deployVerticle(verticle));
        } catch (ExecutionException e) {
            quietly(cluster.close());
            if (e.getCause() instanceof ConfigException) {
                throw refused(e.getCause());
            }
            throw new StartFailure(false, List.of("Cannot start: " + e.getCause().getMessage()));
        }
        String ready = "Gamma ready: proxy " + initial.bind().host() + ":" + verticle.node().proxyPort()
                + ", admin http://" + initial.admin().bind().host() + ":" + verticle.adminPort()
                + ", cluster " + (initial.cluster().enabled()
                        ? initial.cluster().bind() + " (" + cluster.crosstalk().nodes().nodes().size()
                                + " member(s) listed)"
                        : "off (standalone)")
                + ", config " + configFile + ", " + cluster.crosstalk().routes().snapshot().size() + " route(s)"
                + ", transport " + transport.describe() + ", " + options.getEventLoopPoolSize() + " event loop(s)";
        return new Running(cluster, verticle, ready);
    }

    private static StartFailure refused(Throwable cause) {
        if (cause instanceof ConfigException problems) {
            List<String> lines = new ArrayList<>();
            lines.add("Configuration refused:");
            problems.problems().forEach(p -> lines.add("  " + p));
            return new StartFailure(true, lines);
        }
        return new StartFailure(true, List.of("Cannot read configuration: " + cause.getMessage()));
    }

    private static <T> T await(Future<T> future) throws ExecutionException, InterruptedException, StartFailure {
        try {
            return future.toCompletionStage().toCompletableFuture().get(STARTUP_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new StartFailure(false, List.of("Cannot start: not up after " + STARTUP_SECONDS + " s"));
        }
    }

    private static void quietly(Future<?> step) {
        try {
            step.toCompletionStage().toCompletableFuture().get(STEP_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("while stopping: {}", e.getMessage());
        }
    }
}
