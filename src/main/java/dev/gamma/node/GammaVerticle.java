package dev.gamma.node;

import dev.gamma.admin.AdminServer;
import dev.gamma.admin.AdminServices;
import dev.gamma.cluster.ClusterNode;
import dev.gamma.cluster.Crosstalk;
import dev.gamma.cluster.StandaloneCrosstalk;
import dev.gamma.config.ConfigException;
import dev.gamma.config.ConfigLoader;
import dev.gamma.config.GammaConfig;
import dev.gamma.pipeline.ConnectionInfo;
import dev.gamma.pipeline.HandlerRegistry;
import dev.gamma.pipeline.NamedHandler;
import dev.gamma.pipeline.PluginException;
import dev.gamma.route.Route;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Gamma node as a verticle: its configuration (read, then watched), its players' listener, its admin API and its
 * part of the cluster. Undeploying it stops accepting, closes every session, closes the admin port and removes the
 * node and its players from the cluster's shared data; the Vert.x instance is left to its owner.
 *
 * <p>Deploy one instance per Vert.x: the players' listener already serves on every event loop. Standalone it runs
 * in any Vert.x ({@code vertx.deployVerticle(new GammaVerticle(path))}, or by class name with
 * {@code {"config": "path"}} as the deployment's configuration). To join a cluster it is deployed on the Vert.x of
 * a {@link ClusterNode}, which {@code ClusterBootstrap} builds with Gamma's sealed, member-only Hazelcast settings.
 */
public final class GammaVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger("gamma");
    private final Path configFile;
    private final ClusterNode cluster;
    private Map<String, String> environment = System.getenv();
    private PrometheusMeterRegistry metricsRegistry;
    private GammaConfig initialConfig;
    private HandlerRegistry handlerRegistry;
    private final List<BiFunction<Route, ConnectionInfo, List<NamedHandler>>> codeHandlers = new ArrayList<>();
    private volatile GammaNode node;
    private volatile int adminPort;
    private AdminServer admin;
    private ConfigLoader watcher;

    /** Reads the configuration file named by the deployment's configuration, key {@code config}. */
    public GammaVerticle() {
        this(null, null);
    }

    /** A standalone node configured by {@code configFile}. */
    public GammaVerticle(Path configFile) {
        this(configFile, null);
    }

    /** A member of {@code cluster}, to be deployed on {@code cluster.vertx()}. */
    public GammaVerticle(Path configFile, ClusterNode cluster) {
        this.configFile = configFile;
        this.cluster = cluster;
    }

    /** The environment the {@code GAMMA_*} overrides are read from (the process's by default). */
    public GammaVerticle withEnvironment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** The registry the node's metrics go to, e.g. one Vert.x's own metrics share (a new one by default). */
    public GammaVerticle withMetrics(PrometheusMeterRegistry registry) {
        this.metricsRegistry = registry;
        return this;
    }

    /** The configuration the caller read already from the file, so that it is not read and checked twice. */
    public GammaVerticle withConfig(GammaConfig initial) {
        this.initialConfig = initial;
        return this;
    }

    /** Handlers from this registry instead of the built-ins and the jars of {@code plugins-dir}. */
    public GammaVerticle withHandlerRegistry(HandlerRegistry registry) {
        this.handlerRegistry = registry;
        return this;
    }

    /**
     * Handlers added in code: {@code source} is called for every new routed connection, on its event loop, and the
     * handlers it returns run after the route's own. See {@link GammaNode#addHandlers}.
     */
    public GammaVerticle withHandlers(BiFunction<Route, ConnectionInfo, List<NamedHandler>> source) {
        codeHandlers.add(source);
        return this;
    }

    @Override
    public Future<?> start() {
        String warning = NettySettings.multishotWarning(vertx);
        if (!warning.isEmpty()) {
            LOG.warn(warning);
        }
        Path file = configFile != null ? configFile : Path.of(config().getString("config", "conf/gamma.yaml"));
        ConfigLoader loader = new ConfigLoader(vertx, file, environment);
        return (initialConfig != null ? Future.succeededFuture(initialConfig) : loader.load())
                .compose(initial -> vertx.executeBlocking(() -> compose(file, initial)))
                .compose(composed -> start(file, loader, composed));
    }

    @Override
    public Future<?> stop() {
        GammaNode running = node;
        if (watcher != null) {
            watcher.close();
        }
        Future<Void> adminStopped = admin == null ? Future.succeededFuture() : admin.stop();
        return running == null ? adminStopped : adminStopped.eventually(running::stop);
    }

    /** The running node, once deployed. */
    public GammaNode node() {
        return node;
    }

    /** The admin API's port, once deployed. */
    public int adminPort() {
        return adminPort;
    }

    /** What reading plugins and (standalone) making the node's keys cost: done off the event loop. */
    private record Composed(GammaConfig config, HandlerRegistry handlers, Crosstalk crosstalk) {}

    private Composed compose(Path file, GammaConfig initial) {
        if (cluster == null && initial.cluster().enabled()) {
            throw new ConfigException(List.of(file + ": cluster.enabled: a node joins its cluster through the Vert.x"
                    + " ClusterBootstrap builds: run it with `gamma run`, or deploy it on ClusterNode.vertx()"));
        }
        if (cluster != null && !cluster.claim()) {
            throw new IllegalStateException("this ClusterNode serves another node already; a ClusterNode takes"
                    + " one deployment: close it and build a new one with ClusterBootstrap");
        }
        HandlerRegistry handlers = handlerRegistry;
        try {
            if (handlers == null) {
                handlers = HandlerRegistry.withPlugins(initial.pluginsDir());
            }
        } catch (PluginException unsafe) {
            throw new ConfigException(unsafe.problems().stream()
                    .map(problem -> file + ": plugins-dir: " + problem).toList());
        }
        Crosstalk crosstalk = cluster != null ? cluster.crosstalk() : new StandaloneCrosstalk(vertx, initial.dataDir());
        return new Composed(initial, handlers, crosstalk);
    }

    private Future<Void> start(Path file, ConfigLoader loader, Composed composed) {
        GammaConfig initial = composed.config();
        GammaNode created;
        try {
            created = new GammaNode(vertx, initial, composed.handlers(), composed.crosstalk(),
                    metricsRegistry != null ? metricsRegistry : NodeMetrics.newRegistry());
        } catch (ConfigException problems) {
            return Future.failedFuture(new ConfigException(problems.problems().stream()
                    .map(problem -> file + ": " + problem).toList()));
        }
        codeHandlers.forEach(created::addHandlers);
        node = created;
        Path configDir = file.toAbsolutePath().getParent();
        admin = new AdminServer(vertx, initial.admin(), new AdminServices(composed.crosstalk(), created.commands(),
                created::ready, configDir, created::scrapeMetrics, created.fleetAccess()));
        return admin.start()
                .compose(port -> {
                    adminPort = port;
                    return created.start();
                })
                .<Void>map(started -> {
                    watcher = loader;
                    loader.watch(created::apply);
                    return null;
                })
                .recover(failure -> stop().transform(ignored -> Future.failedFuture(failure)));
    }
}
