package dev.gamma;

import dev.gamma.config.GammaConfig;
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
import java.util.concurrent.ThreadLocalRandom;
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
    private long sweepTimer = -1;
    private int proxyPort;

    public GammaNode(Vertx vertx, GammaConfig initial) {
        this.vertx = vertx;
        this.config = new AtomicReference<>(initial);
        this.routes = new AtomicReference<>(RouteMapping.table(initial));
        this.settings = new AtomicReference<>(RouteMapping.settings(initial));
        var pinger = new BackendPinger(vertx, vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)),
                () -> settings.get().connectTimeout());
        this.statusCache = new StatusCache(pinger, System::nanoTime);
        this.rateLimiter = new RateLimiter(initial.limits().perIpRate(), initial.limits().perIpBurst(), System::nanoTime);
        BackendBalancer balancer = new BackendBalancer(bound -> ThreadLocalRandom.current().nextInt(bound));
        this.proxy = new ProxyServer(vertx, new RelayDependencies(
                routes::get, settings::get, statusCache, balancer, rateLimiter));
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
        GammaConfig previous = config.getAndSet(next);
        routes.set(RouteMapping.table(next));
        settings.set(RouteMapping.settings(next));
        rateLimiter.update(next.limits().perIpRate(), next.limits().perIpBurst());
        statusCache.clear();
        if (!previous.bind().equals(next.bind())) {
            LOG.warn("bind changed to {}: a listener address takes effect at the next restart", next.bind());
        }
        LOG.info("configuration reloaded: {} routes", next.routes().size());
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
