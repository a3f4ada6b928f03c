package dev.gamma.relay;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The players' listener: accepts connections and gives each its {@link ClientSession}. */
public final class ProxyServer {
    private static final long SHUTDOWN_GRACE_MILLIS = 3_000;
    private static final Logger LOG = LoggerFactory.getLogger("gamma.connection");

    private final Vertx vertx;
    private final SessionServices services;
    private final AtomicLong connections = new AtomicLong();
    private final String nodeId;
    private NetServer server;
    private boolean proxyProtocol;

    public ProxyServer(Vertx vertx, RelayDependencies dependencies) {
        this.vertx = vertx;
        this.services = new SessionServices(
                dependencies.routes(),
                dependencies.settings(),
                new StatusResponder(dependencies.statusCache()),
                new BackendConnector((VertxInternal) vertx, dependencies.balancer()),
                dependencies.balancer(),
                dependencies.rateLimiter(),
                dependencies.handlers(),
                dependencies.loginPolicy(),
                dependencies.events(),
                dependencies.metrics(),
                ConcurrentHashMap.newKeySet());
        this.nodeId = dependencies.nodeId();
    }

    /** Starts listening; the future holds the actual port (useful with port 0). */
    public Future<Integer> listen(String host, int port) {
        ProxySettings settings = services.settings().get();
        NetServerOptions options = new NetServerOptions().setTcpNoDelay(true).setReuseAddress(true);
        server = vertx.createNetServer(options);
        server.exceptionHandler(e -> LOG.debug("listener: {}", e.toString()));
        proxyProtocol = settings.proxyProtocol(); // PROXY headers or not is the listener's mode, fixed at start
        server.connectHandler(socket -> new ClientSession(nodeId + "-" + connections.incrementAndGet(), socket,
                vertx.getOrCreateContext(), services, proxyProtocol).start());
        return server.listen(port, host).map(NetServer::actualPort);
    }

    /** Every routed connection of this node (not those still in their greeting or refused). */
    public List<PlayerSession> players() {
        return services.sessions().stream().filter(ClientSession::relaying).map(PlayerSession.class::cast).toList();
    }

    public int activeSessions() {
        return services.sessions().size();
    }

    /** Stops accepting, closes every session and waits (bounded) for them to finish. */
    public Future<Void> close() {
        Future<Void> stopped = server == null ? Future.succeededFuture() : server.close();
        return stopped.compose(v -> {
            Set<ClientSession> sessions = services.sessions();
            List.copyOf(sessions).forEach(session -> session.context().runOnContext(x -> session.shutdown()));
            Promise<Void> drained = Promise.promise();
            long deadline = System.currentTimeMillis() + SHUTDOWN_GRACE_MILLIS;
            vertx.setPeriodic(20, timer -> {
                if (sessions.isEmpty() || System.currentTimeMillis() > deadline) {
                    vertx.cancelTimer(timer);
                    drained.complete();
                }
            });
            return drained.future();
        });
    }
}
