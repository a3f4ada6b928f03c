package dev.gamma.relay;

import dev.gamma.pipeline.ConnectionInfo;
import dev.gamma.pipeline.NamedHandler;
import dev.gamma.pipeline.PacketPipeline;
import dev.gamma.route.Backend;
import dev.gamma.route.ClientAddresses;
import dev.gamma.route.Route;
import dev.gamma.vertx.VertxInternals;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.List;

/**
 * A login that passed its checks: connects the route's backend, replays the greeting to it, relays both ways
 * until either side closes, and ends the session then. Runs on the session's event loop.
 */
final class Handover implements Relay.Listener {
    private final ClientSession session;
    private final RelayDependencies services;
    private final ProxySettings settings;
    private final Route route;
    private final Greeting.Login login;
    private final SessionTimer loginTimeout;
    private Backend backend;
    private Relay relay;
    private PacketPipeline pipeline;
    private boolean trusted;
    private ClientConnection client;
    private Future<Void> holding;
    private LoginPolicy.Admission admitted; // till settled: then null

    Handover(ClientSession session, Route route, Greeting.Login login, LoginPolicy.Admission admitted) {
        this.session = session;
        this.services = session.services();
        this.settings = session.settings();
        this.route = route;
        this.login = login;
        this.admitted = admitted;
        this.loginTimeout = new SessionTimer(session.context());
    }

    void connect(ClientConnection client) {
        this.client = client;
        if (route.wake() != null && services.wake().asleep(route)) {
            hold();
        } else {
            connectBackend();
        }
    }

    private void connectBackend() {
        BackendConnector.connect(services.balancer(), route, settings.connectTimeout(), client.channel(),
                        session.context())
                .onComplete(this::connected);
    }

    /** The route's server sleeps: the login waits while it wakes, then goes on as if nothing happened. */
    private void hold() {
        holding = services.wake().hold(route);
        holding.onComplete(woken -> session.context().runOnContext(v -> {
            if (!session.connecting()) {
                return; // the client left meanwhile
            }
            if (woken.failed()) {
                session.refuseLogin(woken.cause().getMessage(), Outcome.WAKE_TIMEOUT, "held while the server woke");
            } else {
                connectBackend();
            }
        }));
    }

    private void connected(AsyncResult<BackendConnector.Connected> result) {
        if (!session.connecting()) { // ended meanwhile (the client left, a shutdown)
            if (result.succeeded()) {
                result.result().channel().close();
                services.balancer().disconnected(result.result().backend());
            }
        } else if (result.failed() && route.wake() != null && holding == null) {
            hold();
        } else if (result.failed()) {
            session.refuseLogin(route.backendDownMessage(), Outcome.BACKEND_DOWN, result.cause().getMessage());
        } else {
            start(result.result());
        }
    }

    private void start(BackendConnector.Connected connected) {
        ConnectionInfo connection = RelaySetup.connection(route, session.info());
        List<NamedHandler> handlers;
        try {
            handlers = services.handlers().handlersFor(route, connection);
        } catch (RuntimeException | LinkageError broken) { // a plugin's own code, run for every login
            connected.channel().close();
            services.balancer().disconnected(connected.backend());
            session.refuseLogin(route.backendDownMessage(), Outcome.BACKEND_DOWN,
                    "a packet handler of the route could not be made: " + broken);
            return;
        }
        backend = connected.backend();
        ClientConnection client = session.handOver(backend.toString());
        SessionEnd ending = session.ending();
        relay = new Relay(client.channel(), connected.channel(), session.traffic(),
                new Relay.Options(settings.splice(), settings.stalled()), ending);
        GreetingReader reader = session.reader();
        RelaySetup.Plan plan = RelaySetup.plan(route, login, reader, connection, handlers,
                session.origin().addresses(client), services,
                reason -> ending.offer(Outcome.ROUTED, "closed by a handler: " + reason), relay);
        pipeline = plan.pipeline();
        session.traffic().addFromClient(reader.length());
        reader.release();
        services.events().started(session);
        settleAdmission(); // the registry counts the player from here on
        loginTimeout.set(settings.loginTimeout().toMillis(), this::onLoginTimeout);
        relay.start(plan.replay(), pipeline, this);
    }

    /** A backend that accepts and never finishes the login must not hold the player on a loading screen. */
    private void onLoginTimeout() {
        trustOnceLoggedIn();
        if (!LoginTimeout.finished(pipeline, session.traffic())) {
            session.ending().offer(Outcome.LOGIN_TIMEOUT,
                    "the login did not finish within " + settings.loginTimeout().toMillis() + " ms");
            LoginTimeout.disconnect(relay, pipeline, session.traffic(), route.backendDownMessage());
        }
    }

    @Override
    public void passingThrough() {
        if (pipeline != null && pipeline.encrypted()) {
            session.encryptionStarted();
        }
        trustOnceLoggedIn();
    }

    /**
     * Anti-bot mode trusts an address once the backend answered its login (Login Success, or an online-mode
     * server's Encryption Request), never for merely reaching the backend.
     */
    private void trustOnceLoggedIn() {
        if (!trusted && LoginTimeout.answered(pipeline)) {
            trusted = true;
            services.antiBot().completed(ClientAddresses.key(session.info().clientAddress()));
        }
    }

    /** Called as the channels close, outside any Vert.x context: what follows runs on the session's. */
    @Override
    public void closed() {
        VertxInternals.emit(session.context(), this, Handover::finish);
    }

    private void finish() {
        try {
            if (pipeline != null) {
                pipeline.closed(); // first: it gives back the memory of unfinished frames
            }
            trustOnceLoggedIn();
        } finally { // whatever failed above, the player leaves the registry, the balancer and the node
            services.events().ended(session);
            services.balancer().disconnected(backend);
            session.finish(Outcome.ROUTED);
        }
    }

    /** Ends the relay for a kick; true when the reason reached the client as a Disconnect. */
    boolean kick(String reason) {
        boolean inBand = pipeline != null && pipeline.kick(reason) && !relay.dropsWrites();
        session.ending().offer(Outcome.ROUTED, "kicked: " + reason);
        relay.close();
        return inBand;
    }

    boolean sendChat(String text) {
        return pipeline != null && pipeline.sendChat(text) && !relay.dropsWrites();
    }

    /** Closes both sides; the session ends when they are closed. */
    void close() {
        relay.close();
    }

    /** The session ended: no login timeout any more, no login held, and nothing set aside for it. */
    void stop() {
        settleAdmission();
        loginTimeout.cancel();
        if (holding != null && !holding.isComplete()) {
            services.wake().abandon(route, holding);
        }
    }

    private void settleAdmission() {
        if (admitted != null) {
            LoginPolicy.Admission settling = admitted;
            admitted = null;
            settling.settled().run();
        }
    }
}
