package dev.gamma.relay;

import dev.gamma.vertx.VertxInternals;
import io.netty.channel.Channel;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The players' listener: accepts connections and gives each its {@link ClientSession}. */
public final class ProxyServer {
    private static final long SHUTDOWN_GRACE_MILLIS = 3_000;

    private final Vertx vertx;
    private final RelayDependencies dependencies;
    private final Admissions admissions;
    private final AtomicLong connections = new AtomicLong();
    private volatile ProxyListeners listeners;
    private InetSocketAddress bound; // null until listening, and again once closed for good
    private Future<Void> reopening;
    private boolean proxyProtocol;

    public ProxyServer(Vertx vertx, RelayDependencies dependencies) {
        this.vertx = vertx;
        this.dependencies = dependencies;
        this.admissions = new Admissions(dependencies.rateLimiter(), dependencies.settings(), dependencies.metrics());
    }

    /** Starts listening; the future holds the actual port (useful with port 0). */
    public Future<Integer> listen(String host, int port) {
        proxyProtocol = dependencies.settings().get().proxyProtocol(); // the listener's mode, fixed at start
        return BackendConnector.resolve(vertx, host)
                .compose(address -> ProxyListeners.bind(vertx, new InetSocketAddress(address, port), this::accepted)
                        .map(opened -> {
                            synchronized (this) {
                                listeners = opened;
                                bound = new InetSocketAddress(address, opened.port());
                            }
                            return opened.port();
                        }));
    }

    private void accepted(Channel channel, Context context) {
        ClientConnection connection = new ClientConnection(channel, context);
        Admissions.Admission admission = admissions.accept(connection, proxyProtocol);
        if (admission == null) {
            return;
        }
        String id = dependencies.nodeId() + "-" + connections.incrementAndGet();
        ClientSession session = new ClientSession(
                new ClientSession.Accepted(id, connection, proxyProtocol, admission), dependencies);
        VertxInternals.emit(context, session, ClientSession::start);
    }

    /** Every routed connection of this node (not those still in their greeting or refused). */
    public List<PlayerSession> players() {
        return dependencies.sessions().all();
    }

    public int activeSessions() {
        return dependencies.sessions().size();
    }

    /** Connections accepted and not yet relaying (nor ended). */
    public int inGreeting() {
        return admissions.inGreeting();
    }

    /**
     * Closes the players' listener (new connections are refused by the kernel); sessions go on. Safe to call twice,
     * and before {@link #close}.
     */
    public synchronized Future<Void> stopAccepting() {
        ProxyListeners open = listeners;
        listeners = null;
        return open == null ? Future.succeededFuture() : open.close();
    }

    /**
     * Listens again, on the address and port it listened on, after {@link #stopAccepting}; refused once closed.
     * Calls while it reopens share the one attempt.
     */
    public synchronized Future<Void> resumeAccepting() {
        if (listeners != null) {
            return Future.succeededFuture();
        }
        if (bound == null) {
            return Future.failedFuture("the players' listener is closed for good");
        }
        if (reopening == null || reopening.isComplete()) {
            reopening = ProxyListeners.bind(vertx, bound, this::accepted).transform(this::reopened);
        }
        return reopening;
    }

    private synchronized Future<Void> reopened(AsyncResult<ProxyListeners> opened) {
        reopening = null;
        if (opened.failed()) {
            return Future.failedFuture(opened.cause());
        }
        if (bound == null) { // closed for good meanwhile
            return opened.result().close().transform(v -> Future.failedFuture("the node is stopping"));
        }
        listeners = opened.result();
        return Future.succeededFuture();
    }

    /** Stops accepting, closes every session and waits (bounded) for them to finish. */
    public Future<Void> close() {
        synchronized (this) {
            bound = null;
        }
        Future<Void> stopped = stopAccepting();
        return stopped.compose(v -> {
            LocalSessions sessions = dependencies.sessions();
            List.copyOf(sessions.sessions())
                    .forEach(session -> session.context().runOnContext(x -> session.shutdown()));
            Promise<Void> drained = Promise.promise();
            long deadline = System.currentTimeMillis() + SHUTDOWN_GRACE_MILLIS;
            vertx.setPeriodic(20, timer -> {
                if (sessions.size() == 0 || System.currentTimeMillis() > deadline) {
                    vertx.cancelTimer(timer);
                    drained.complete();
                }
            });
            return drained.future();
        });
    }
}
