package dev.gamma.relay;

import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The players' listener: accepts connections and gives each its {@link ClientSession}. */
public final class ProxyServer {
    private static final long SHUTDOWN_GRACE_MILLIS = 3_000;

    private final VertxInternal vertx;
    private final SessionServices services;
    private final AtomicLong connections = new AtomicLong();
    private final String nodeId;
    private ProxyListeners listeners;
    private boolean proxyProtocol;

    public ProxyServer(Vertx vertx, RelayDependencies dependencies) {
        this.vertx = (VertxInternal) vertx;
        this.services = new SessionServices(
                dependencies.routes(),
                dependencies.settings(),
                new StatusResponder(dependencies.statusCache()),
                new BackendConnector(this.vertx, dependencies.balancer()),
                dependencies.balancer(),
                new Admissions(dependencies.rateLimiter(), dependencies.settings(), dependencies.metrics()),
                dependencies.handlers(),
                dependencies.loginPolicy(),
                dependencies.events(),
                dependencies.metrics(),
                ConcurrentHashMap.newKeySet());
        this.nodeId = dependencies.nodeId();
    }

    /** Starts listening; the future holds the actual port (useful with port 0). */
    public Future<Integer> listen(String host, int port) {
        proxyProtocol = services.settings().get().proxyProtocol(); // the listener's mode, fixed at start
        return BackendConnector.resolve(vertx, host)
                .compose(address -> ProxyListeners.bind(vertx, new InetSocketAddress(address, port), this::accepted))
                .map(bound -> {
                    listeners = bound;
                    return bound.port();
                });
    }

    private void accepted(Channel channel, ContextInternal context) {
        ClientConnection connection = new ClientConnection(channel, context);
        Admissions.Admission admission = services.admissions().accept(connection, proxyProtocol);
        if (admission == null) {
            return;
        }
        ClientSession session = new ClientSession(nodeId + "-" + connections.incrementAndGet(), connection, services,
                proxyProtocol, admission);
        context.emit(session, ClientSession::start);
    }

    /** Every routed connection of this node (not those still in their greeting or refused). */
    public List<PlayerSession> players() {
        return services.sessions().stream().filter(ClientSession::relaying).map(PlayerSession.class::cast).toList();
    }

    public int activeSessions() {
        return services.sessions().size();
    }

    /** Connections accepted and not yet relaying (nor ended). */
    public int inGreeting() {
        return services.admissions().inGreeting();
    }

    /** Stops accepting, closes every session and waits (bounded) for them to finish. */
    public Future<Void> close() {
        Future<Void> stopped = listeners == null ? Future.succeededFuture() : listeners.close();
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
