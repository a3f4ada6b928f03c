package dev.gamma.node;

import dev.gamma.cluster.AnnouncedAddress;
import dev.gamma.cluster.Crosstalk;
import dev.gamma.cluster.EventBusCommands;
import dev.gamma.cluster.FleetAccess;
import dev.gamma.cluster.HealthTable;
import dev.gamma.cluster.NodeInfo;
import dev.gamma.cluster.SharedTable;
import dev.gamma.config.ConfigException;
import dev.gamma.config.GammaConfig;
import dev.gamma.config.HostPort;
import dev.gamma.pipeline.ConnectionInfo;
import dev.gamma.pipeline.HandlerRegistry;
import dev.gamma.pipeline.NamedHandler;
import dev.gamma.pipeline.UnfinishedFrames;
import dev.gamma.relay.AntiBot;
import dev.gamma.relay.BackendPinger;
import dev.gamma.relay.LocalSessions;
import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.ProxyServer;
import dev.gamma.relay.ProxySettings;
import dev.gamma.relay.RateLimiter;
import dev.gamma.relay.RelayDependencies;
import dev.gamma.route.AccessList;
import dev.gamma.route.BackendBalancer;
import dev.gamma.route.Route;
import dev.gamma.route.RouteTable;
import dev.gamma.route.StatusCache;
import dev.gamma.route.StatusRewriter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Gamma node: the players' listener, the snapshots it reads, and its part of the cluster.
 * {@link #apply} swaps in a reloaded configuration; relaying connections keep going, new ones use the new
 * routes. Routes come from the shared table, which this node's file routes are merged into.
 */
public final class GammaNode {
    private static final Logger LOG = LoggerFactory.getLogger(GammaNode.class);
    private static final long SWEEP_MILLIS = 60_000;

    private final Vertx vertx;
    private final Crosstalk crosstalk;
    private final AtomicReference<GammaConfig> config;
    private final AtomicReference<RouteTable> routes = new AtomicReference<>(RouteTable.empty());
    private final AtomicReference<ProxySettings> settings;
    private final StatusCache statusCache;
    private final RateLimiter rateLimiter;
    private final AntiBot antiBot;
    private final FleetReports reports;
    private final ProxyServer proxy;
    private final HandlerRegistry handlers;
    private final EventBusCommands commands;
    private final PlayerTracking tracking;
    private final NodeMetrics metrics;
    private final HealthChecks healthChecks;
    private final MaintenanceKicks maintenanceKicks;
    private final NodeDrain drain;
    private final FleetAccess fleetAccess;
    private final Webhooks webhooks;
    private final LocalSessions sessions;
    private final RouteHandlers routeHandlers;
    private final WakeService wake;
    private final long startedAt = System.currentTimeMillis();
    private final List<Long> timers = new ArrayList<>();
    private volatile boolean ready;
    private volatile NodeInfo announced;
    private int proxyPort;

    /**
     * Fails with {@link ConfigException} when a route names a handler none of {@code handlers} provides, or one
     * whose plugin cannot be constructed. {@link GammaVerticle} is the one place that builds a node.
     */
    GammaNode(Vertx vertx, GammaConfig initial, HandlerRegistry handlers, Crosstalk crosstalk,
            PrometheusMeterRegistry metricsRegistry) {
        this.vertx = vertx;
        this.handlers = handlers;
        this.routeHandlers = new RouteHandlers(handlers);
        this.crosstalk = crosstalk;
        routeHandlers.checkNames(initial);
        this.config = new AtomicReference<>(initial);
        this.settings = new AtomicReference<>(RouteMapping.settings(initial, AccessList.OPEN));
        this.fleetAccess = new FleetAccess(crosstalk.table(SharedTable.Name.ACCESS), crosstalk.nodes(),
                initial.dataDir(), System::currentTimeMillis);
        fleetAccess.onChange(list -> updateSettings());
        var pinger = new BackendPinger(vertx, vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)),
                () -> settings.get().connectTimeout());
        this.statusCache = new StatusCache(pinger,
                new StatusSharing(crosstalk.table(SharedTable.Name.STATUS), crosstalk.nodes()), System::currentTimeMillis);
        HealthTable health = new HealthTable(crosstalk.table(SharedTable.Name.HEALTH), System::currentTimeMillis);
        FleetBackends fleet = new FleetBackends(crosstalk.players(), health);
        this.healthChecks = new HealthChecks(crosstalk.routes()::snapshot, crosstalk.nodes(), health, pinger::probe,
                fleet, () -> System.nanoTime() / 1_000_000);
        this.rateLimiter = new RateLimiter(initial.limits().perIpRate(), initial.limits().perIpBurst(), System::nanoTime);
        this.antiBot = new AntiBot(RouteMapping.antiBot(initial), System::nanoTime);
        this.reports = new FleetReports(crosstalk.table(SharedTable.Name.REPORTS), crosstalk.nodes(), rateLimiter,
                antiBot, System::currentTimeMillis);
        this.commands = new EventBusCommands(vertx, crosstalk);
        this.metrics = new NodeMetrics(metricsRegistry, this::players, statusCache,
                () -> crosstalk.nodes().nodes().size(), crosstalk.rejections(), handlers.packetStatistics(),
                healthChecks::states);
        metrics.antiBot(antiBot);
        var unfinishedFrames = new UnfinishedFrames(() -> settings.get().maxUnfinishedFrameBytes());
        metrics.unfinishedFrames(unfinishedFrames);
        this.sessions = new LocalSessions();
        this.tracking = new PlayerTracking(crosstalk, sessions, metrics::command);
        this.maintenanceKicks = new MaintenanceKicks(sessions);
        this.webhooks = new Webhooks(vertx, crosstalk.nodes().selfId(), metrics.webhookCounters(),
                WebhookQueue.Settings.DEFAULTS, Instant::now);
        webhooks.update(initial.webhooks());
        this.wake = new WakeService(vertx, crosstalk, metricsRegistry);
        BackendBalancer balancer = new BackendBalancer(bound -> ThreadLocalRandom.current().nextInt(bound), fleet);
        this.proxy = new ProxyServer(vertx, new RelayDependencies(routes::get, settings::get, statusCache,
                new StatusRewriter(new RegistryHeadcount(crosstalk.players())), balancer, rateLimiter, routeHandlers::forConnection,
                new ClusterPolicy(crosstalk.players(), commands, () -> duplicateLogin(config.get())), antiBot,
                new SessionListeners(List.of(tracking, webhooks)), metrics, sessions, crosstalk.nodes().selfId(), wake.gate(),
                unfinishedFrames));
        this.drain = new NodeDrain(vertx, new NodeDrain.Parts(proxy::stopAccepting, proxy::resumeAccepting,
                deadline -> crosstalk.announce(deadline == 0 ? announced : announced.drainingUntil(deadline)),
                () -> proxy.activeSessions() + proxy.inGreeting(), proxy::players,
                () -> config.get().shutdown().drainMessage()), System::currentTimeMillis);
        metrics.draining(drain::draining);
    }

    public Future<GammaNode> start() {
        GammaConfig current = config.get();
        crosstalk.routes().onChange(table -> {
            routes.set(RouteSync.table(table));
            statusCache.clear();
            maintenanceKicks.apply(table);
        });
        return vertx.executeBlocking(() -> {
                    fleetAccess.loadBlocking();
                    updateSettings();
                    return null;
                }, false)
                .compose(v -> crosstalk.routes().start(RouteSync.fileRoutes(current)))
                .compose(v -> {
                    routes.set(RouteSync.table(crosstalk.routes().snapshot()));
                    return commands.listen(new KickReporting(tracking, sessions, webhooks)).compose(l -> wake.start());
                })
                .compose(v -> proxy.listen(current.bind().host(), current.bind().port()))
                .compose(port -> {
                    proxyPort = port;
                    timers.add(vertx.setPeriodic(SWEEP_MILLIS, t -> rateLimiter.sweep()));
                    timers.add(vertx.setPeriodic(PlayerTracking.REFRESH_MILLIS, t -> tracking.refresh()));
                    reports.start(vertx);
                    timers.add(vertx.setPeriodic(HealthChecks.TICK_MILLIS, t -> healthChecks.tick()));
                    timers.add(vertx.setPeriodic(FleetAccess.REFRESH_MILLIS, t -> fleetAccess.refresh()));
                    announced = new NodeInfo(crosstalk.nodes().selfId(),
                            AnnouncedAddress.of(new HostPort(current.bind().host(), port), current.cluster()),
                            AnnouncedAddress.of(current.admin().bind(), current.cluster()), startedAt);
                    return crosstalk.announce(announced);
                })
                .compose(v -> commands.listenDrain(drain))
                .map(v -> {
                    ready = true;
                    return this;
                });
    }

    /** Puts a reloaded configuration into force for new connections. */
    public void apply(GammaConfig next) {
        routeHandlers.checkNames(next);
        GammaConfig previous = config.getAndSet(next);
        updateSettings();
        rateLimiter.update(next.limits().perIpRate(), next.limits().perIpBurst());
        antiBot.update(RouteMapping.antiBot(next));
        webhooks.update(next.webhooks());
        Future<Void> routesInForce = crosstalk.routes().replaceFileRoutes(RouteSync.fileRoutes(next));
        statusCache.clear();
        if (!previous.bind().equals(next.bind())) {
            LOG.warn("bind changed to {}: a listener address takes effect at the next restart", next.bind());
        }
        if (!previous.pluginsDir().equals(next.pluginsDir())) {
            LOG.warn("plugins-dir changed to {}: plugin jars are read at the next restart", next.pluginsDir());
        }
        if (previous.proxyProtocol().enabled() != next.proxyProtocol().enabled()) {
            LOG.warn("proxy-protocol.enabled changed: the listener keeps its mode until the next restart"
                    + " (proxy-protocol.trusted applies now)");
        }
        int routes = next.routes().size();
        routesInForce.onComplete(
                done -> LOG.info("configuration reloaded: {} routes", routes),
                failure -> LOG.warn("configuration reloaded, but its {} routes are not in the route table: {}",
                        routes, failure.getMessage()));
    }

    /** The file's settings with the fleet's access list; both callers may race, the last one reads both anew. */
    private synchronized void updateSettings() {
        settings.set(RouteMapping.settings(config.get(), fleetAccess.current().list()));
    }

    /** The fleet-wide access list of {@code /api/access}. */
    public FleetAccess fleetAccess() {
        return fleetAccess;
    }

    /**
     * Adds handlers in code: called for every new routed connection, returning the handlers it should get
     * (after its route's own). An empty list leaves the connection as it was.
     */
    public void addHandlers(BiFunction<Route, ConnectionInfo, List<NamedHandler>> source) {
        routeHandlers.add(source);
    }

    /** Every routed connection of this node. */
    public List<PlayerSession> players() {
        return proxy.players();
    }

    /** This node's metrics in the Prometheus text format. */
    public String scrapeMetrics() {
        return metrics.scrape();
    }

    public Crosstalk crosstalk() {
        return crosstalk;
    }

    public EventBusCommands commands() {
        return commands;
    }

    public HandlerRegistry handlerRegistry() {
        return handlers;
    }

    /** True once the route table is loaded and the listener is bound: the node serves players. */
    public boolean ready() {
        return ready;
    }

    public int proxyPort() {
        return proxyPort;
    }

    public GammaConfig config() {
        return config.get();
    }

    public int activeSessions() {
        return proxy.activeSessions();
    }

    /** Connections accepted and still in their greeting (not relaying, not ended). */
    public int greetingConnections() {
        return proxy.inGreeting();
    }

    /** Drains this node (see {@link NodeDrain}): the future holds the deadline, epoch ms. */
    public Future<Long> drain(java.time.Duration within) {
        return drain.drain(within.toMillis());
    }

    public boolean draining() {
        return drain.draining();
    }

    /** How long SIGTERM drains ({@code shutdown.drain-deadline}, as reloaded); zero: no drain. */
    public java.time.Duration shutdownDrain() {
        return config.get().shutdown().drainDeadline();
    }

    /** Completes when a drain is over: then the node is to be stopped. */
    public Future<Void> drained() {
        return drain.drained();
    }

    /** Stops accepting, closes every session, then leaves the cluster (its players leave the registry). */
    public Future<Void> stop() {
        ready = false;
        timers.forEach(vertx::cancelTimer);
        drain.stopping();
        reports.stop(vertx);
        return proxy.close()
                .eventually(commands::close)
                .eventually(wake::stop)
                .eventually(crosstalk::leave)
                .eventually(() -> {
                    webhooks.close();
                    return Future.succeededFuture();
                });
    }

    private static ClusterPolicy.DuplicateLogin duplicateLogin(GammaConfig config) {
        return ClusterPolicy.DuplicateLogin.valueOf(config.duplicateLogin().toUpperCase().replace('-', '_'));
    }
}
