package dev.gamma;

import dev.gamma.config.ConfigException;
import dev.gamma.config.GammaConfig;
import dev.gamma.pipeline.ConnectionInfo;
import dev.gamma.pipeline.HandlerRegistry;
import dev.gamma.pipeline.NamedHandler;
import dev.gamma.relay.PlayerSession;
import dev.gamma.route.Route;
import dev.gamma.relay.BackendPinger;
import dev.gamma.relay.ProxyServer;
import dev.gamma.relay.ProxySettings;
import dev.gamma.relay.RateLimiter;
import dev.gamma.relay.RelayDependencies;
import dev.gamma.route.BackendBalancer;
import dev.gamma.route.RouteTable;
import dev.gamma.route.StatusCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Gamma node: the players' listener and the snapshots it reads. {@link #apply} swaps in a
 * reloaded configuration; connections already relaying keep going, new ones use the new routes.
 */
public final class GammaNode {
    private static final Logger LOG = LoggerFactory.getLogger(GammaNode.class);
    private static final long RATE_LIMIT_SWEEP_MILLIS = 60_000;

    private final Vertx vertx;
    private final AtomicReference<GammaConfig> config;
    private final AtomicReference<RouteTable> routes;
    private final AtomicReference<ProxySettings> settings;
    private final StatusCache statusCache;
    private final RateLimiter rateLimiter;
    private final ProxyServer proxy;
    private final HandlerRegistry handlers;
    private final List<BiFunction<Route, ConnectionInfo, List<NamedHandler>>> codeHandlers = new CopyOnWriteArrayList<>();
    private long sweepTimer = -1;
    private int proxyPort;

    public GammaNode(Vertx vertx, GammaConfig initial) {
        this(vertx, initial, HandlerRegistry.withPlugins(initial.pluginsDir()));
    }

    /** A node with the given handler factories; fails when a route names a handler none of them provides. */
    public GammaNode(Vertx vertx, GammaConfig initial, HandlerRegistry handlers) {
        this.vertx = vertx;
        this.handlers = handlers;
        checkHandlerNames(initial);
        this.config = new AtomicReference<>(initial);
        this.routes = new AtomicReference<>(RouteMapping.table(initial));
        this.settings = new AtomicReference<>(RouteMapping.settings(initial));
        var pinger = new BackendPinger(vertx, vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)),
                () -> settings.get().connectTimeout());
        this.statusCache = new StatusCache(pinger, System::nanoTime);
        this.rateLimiter = new RateLimiter(initial.limits().perIpRate(), initial.limits().perIpBurst(), System::nanoTime);
        BackendBalancer balancer = new BackendBalancer(bound -> ThreadLocalRandom.current().nextInt(bound));
        this.proxy = new ProxyServer(vertx, new RelayDependencies(
                routes::get, settings::get, statusCache, balancer, rateLimiter, this::handlersFor));
    }

    public Future<GammaNode> start() {
        GammaConfig current = config.get();
        sweepTimer = vertx.setPeriodic(RATE_LIMIT_SWEEP_MILLIS, t -> rateLimiter.sweep());
        return proxy.listen(current.bind().host(), current.bind().port()).map(port -> {
            proxyPort = port;
            return this;
        });
    }

    /** Puts a reloaded configuration into force for new connections. */
    public void apply(GammaConfig next) {
        checkHandlerNames(next);
        GammaConfig previous = config.getAndSet(next);
        routes.set(RouteMapping.table(next));
        settings.set(RouteMapping.settings(next));
        rateLimiter.update(next.limits().perIpRate(), next.limits().perIpBurst());
        statusCache.clear();
        if (!previous.bind().equals(next.bind())) {
            LOG.warn("bind changed to {}: a listener address takes effect at the next restart", next.bind());
        }
        if (previous.proxyProtocol().enabled() != next.proxyProtocol().enabled()) {
            LOG.warn("proxy-protocol.enabled changed: the listener keeps its mode until the next restart"
                    + " (proxy-protocol.trusted applies now)");
        }
        LOG.info("configuration reloaded: {} routes", next.routes().size());
    }

    /**
     * Adds handlers in code: called for every new routed connection, returning the handlers it should get
     * (after its route's own). An empty list leaves the connection as it was.
     */
    public void addHandlers(BiFunction<Route, ConnectionInfo, List<NamedHandler>> source) {
        codeHandlers.add(source);
    }

    /** Every routed connection of this node. */
    public List<PlayerSession> players() {
        return proxy.players();
    }

    public HandlerRegistry handlerRegistry() {
        return handlers;
    }

    private List<NamedHandler> handlersFor(Route route, ConnectionInfo connection) {
        if (route.handlers().isEmpty() && codeHandlers.isEmpty()) {
            return List.of();
        }
        List<NamedHandler> chain = new ArrayList<>(handlers.create(route.handlers()));
        for (var source : codeHandlers) {
            chain.addAll(source.apply(route, connection));
        }
        return chain;
    }

    private void checkHandlerNames(GammaConfig config) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < config.routes().size(); i++) {
            for (String name : config.routes().get(i).handlers()) {
                if (handlers.factory(name) == null) {
                    problems.add("routes[" + i + "].handlers: " + handlers.unknown(name));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
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

    public Future<Void> stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        return proxy.close();
    }
}
