package dev.gamma.relay;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LegacyPing;
import dev.gamma.protocol.LoginDisconnect;
import dev.gamma.protocol.ProtocolException;
import dev.gamma.route.Hostnames;
import dev.gamma.route.Route;
import dev.gamma.pipeline.PacketPipeline;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One client connection: reads the greeting under a deadline and a byte cap, answers status and legacy
 * pings itself, refuses what it must with a reason, and otherwise connects the route's backend, replays
 * the greeting and relays both ways. Every callback runs on the client's event loop.
 */
final class ClientSession implements PlayerSession, ProxyHeaderWatcher.Listener {
    /** Legacy clients send "FE" or "FE 01" and wait; a modern 254-byte frame would go on at once. */
    private static final long LEGACY_GRACE_MILLIS = 100;

    private enum Phase { GREETING, STATUS, CONNECTING, RELAYING, DONE }

    private final String id;
    /** Handed to the relay (and forgotten here) once the session relays. */
    private ClientConnection client;
    private final ContextInternal context;
    private final SessionServices services;
    private final ProxySettings settings;
    private final GreetingReader reader;
    private final ClientOrigin origin;
    private final Admissions.Admission admission;
    private final long startedAt = System.nanoTime();
    private final long connectedAt = System.currentTimeMillis();
    private final SessionTraffic traffic = new SessionTraffic();
    private SessionInfo info;
    private Phase phase = Phase.GREETING;
    private long deadlineTimer = -1;
    private long legacyTimer = -1;
    private long loginTimer = -1;
    private long firstByteTimer = -1;
    private boolean quietEnd;
    private Outcome relayOutcome = Outcome.ROUTED;
    private StatusExchange status;
    private Relay relay;
    private PacketPipeline pipeline;
    private String endDetail = "";
    private boolean ended;
    private boolean greetingTimed;

    ClientSession(String id, ClientConnection client, SessionServices services, boolean proxyProtocol,
            Admissions.Admission admission) {
        this.id = id;
        this.client = client;
        this.context = client.context();
        this.services = services;
        this.settings = services.settings().get();
        this.reader = new GreetingReader(settings.maxHandshakeBytes());
        this.origin = new ClientOrigin(client, proxyProtocol, settings.trusted());
        this.info = SessionInfo.of(origin.peer());
        this.admission = admission;
    }

    void start() {
        services.sessions().add(this);
        if (origin.awaitingHeader()) {
            ProxyHeaderWatcher.install(client.channel(), this);
        }
        client.listen(this::onBytes, v -> end(statusRequested() ? Outcome.STATUS : Outcome.CLOSED_EARLY, ""));
        deadlineTimer = context.setTimer(settings.handshakeTimeout().toMillis(), t -> onDeadline());
        firstByteTimer = context.setTimer(settings.firstByteTimeout().toMillis(), t -> onSilence());
    }

    /** The load balancer's word for who the client is; an untrusted peer's is not taken, not even for the log. */
    @Override
    public void header(InetSocketAddress source, InetSocketAddress destination) {
        firstByteTimer = cancel(firstByteTimer);
        if (!origin.claim(source, destination)) {
            client.close();
            end(Outcome.UNTRUSTED_PROXY,
                    "PROXY header from " + origin.peer() + ", which is not in proxy-protocol.trusted");
            return;
        }
        info = SessionInfo.of(origin.clientAddress());
        String closed = admission.claim(info.clientAddress());
        if (closed != null) {
            client.close();
            int closes = admission.logClose(info.clientAddress());
            quietEnd = closes == 0;
            end(Outcome.RATE_LIMITED, closes > 1 ? closed + "; " + closes + " such closes since the last line" : closed);
        }
    }

    @Override
    public void refused(String reason) {
        client.close();
        end(Outcome.BAD_PROXY_HEADER, reason);
    }

    Context context() {
        return context;
    }

    @Override
    public SessionInfo info() {
        return info;
    }

    @Override
    public SessionTraffic traffic() {
        return traffic;
    }

    boolean relaying() {
        return phase == Phase.RELAYING;
    }

    /** Closes the connection for a node shutdown; a relaying session ends through its normal close path. */
    void shutdown() {
        if (phase == Phase.RELAYING) {
            relay.close();
        } else if (phase != Phase.DONE) {
            client.close();
            end(Outcome.SHUTDOWN, "");
        }
    }

    private void onBytes(Buffer chunk) {
        firstByteTimer = cancel(firstByteTimer);
        try {
            if (phase == Phase.GREETING) {
                legacyTimer = cancel(legacyTimer);
                onGreeting(reader.feed(chunk));
            } else if (phase == Phase.STATUS) {
                reader.append(chunk);
                onStatusFrames();
            } else if (phase == Phase.CONNECTING) {
                reader.append(chunk); // replayed with the greeting, still under its byte cap
            }
        } catch (ProtocolException e) {
            client.close();
            end(Outcome.BAD_HANDSHAKE, e.getMessage());
        }
    }

    private void onGreeting(Greeting greeting) {
        if (!(greeting instanceof Greeting.Incomplete) && !(greeting instanceof Greeting.MaybeLegacy)) {
            greetingTimed = true;
            services.metrics().greeting(System.nanoTime() - startedAt);
        }
        if (greeting instanceof Greeting.MaybeLegacy maybe) {
            legacyTimer = context.setTimer(LEGACY_GRACE_MILLIS, t -> answerLegacy(maybe.request()));
        } else if (greeting instanceof Greeting.Legacy legacy) {
            answerLegacy(legacy.request());
        } else if (greeting instanceof Greeting.Status status) {
            phase = Phase.STATUS;
            info = info.withHandshake(host(status.handshake()), status.handshake().protocolVersion());
            this.status = new StatusExchange(client, this::statusJson);
            onStatusFrames();
        } else if (greeting instanceof Greeting.Login login) {
            onLogin(login);
        }
    }

    private void onStatusFrames() {
        if (status.answer(reader, info.protocol())) {
            end(Outcome.STATUS, "");
        }
    }

    private boolean statusRequested() {
        return status != null && status.requested();
    }

    private void answerLegacy(LegacyPing.Request request) {
        if (phase != Phase.GREETING) {
            return;
        }
        phase = Phase.STATUS;
        String host = request.host() == null ? "" : Hostnames.normalize(request.host());
        info = info.withHandshake(host.isEmpty() ? "-" : host, request.protocol());
        status = new StatusExchange(client, this::statusJson);
        status.answerLegacy(request, () -> end(Outcome.LEGACY_STATUS, request.form().name()));
    }

    private Future<String> statusJson(int protocol) {
        Route route = services.routes().get().lookup(info.host().equals("-") ? "" : info.host()).orElse(null);
        info = info.withRoute(route == null ? "-" : route.name());
        Duration patience = settings.handshakeTimeout().dividedBy(2);
        return services.statusResponder().answer(new StatusResponder.StatusQuery(
                route, protocol, admission.rateLimited(), settings.unknownHostMotd(), patience), context);
    }

    private void onLogin(Greeting.Login login) {
        Handshake handshake = login.handshake();
        info = info.withHandshake(host(handshake), handshake.protocolVersion());
        if (login.loginStart() != null) {
            info = info.withPlayer(login.loginStart().name(), login.loginStart().uuid());
        }
        LoginChecks.Decision decision = new LoginChecks(services, settings).decide(login, info, admission.rateLimited());
        Route route = decision.route();
        if (route != null) {
            info = info.withRoute(route.name());
        }
        if (decision.refusal() != null) {
            refuseLogin(decision.refusal().reason(), decision.refusal().outcome(), decision.refusal().detail());
            return;
        }
        phase = Phase.CONNECTING;
        deadlineTimer = cancel(deadlineTimer);
        admission.done();
        services.connector().connect(route, settings.connectTimeout(), client.channel(), context)
                .onComplete(result -> onConnected(route, login, result));
    }

    private void onConnected(Route route, Greeting.Login login, AsyncResult<BackendConnector.Connected> result) {
        if (phase != Phase.CONNECTING) {
            if (result.succeeded()) {
                result.result().channel().close();
            }
        } else if (result.failed()) {
            refuseLogin(route.backendDownMessage(), Outcome.BACKEND_DOWN, result.cause().getMessage());
        } else {
            startRelay(route, login, result.result());
        }
    }

    private void startRelay(Route route, Greeting.Login login, BackendConnector.Connected connected) {
        info = info.withBackend(connected.backend().toString());
        services.balancer().connected(connected.backend());
        phase = Phase.RELAYING;
        Relay.Options options = new Relay.Options(settings.splice(), settings.stalled());
        relay = new Relay(client.channel(), connected.channel(), traffic, options);
        RelaySetup.Plan plan = RelaySetup.plan(route, login, reader, info, origin.addresses(client), services.handlers(),
                reason -> endDetail = "closed by a handler: " + reason, relay);
        pipeline = plan.pipeline();
        traffic.addFromClient(reader.length());
        client = null;
        reader.release();
        services.events().started(this);
        loginTimer = context.setTimer(settings.loginTimeout().toMillis(), t -> onLoginTimeout(route));
        relay.start(plan.replay(), pipeline, problem -> {
            services.events().ended(this);
            services.balancer().disconnected(connected.backend());
            if (pipeline != null) {
                pipeline.closed();
            }
            end(relayOutcome, problem.isEmpty() ? endDetail : problem);
        });
    }

    /** A backend that accepts and never finishes the login must not hold the player on a loading screen. */
    private void onLoginTimeout(Route route) {
        loginTimer = -1;
        if (phase == Phase.RELAYING && !LoginTimeout.finished(pipeline, traffic)) {
            relayOutcome = Outcome.LOGIN_TIMEOUT;
            endDetail = "the login did not finish within " + settings.loginTimeout().toMillis() + " ms";
            LoginTimeout.disconnect(relay, pipeline, traffic, route.backendDownMessage());
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public long connectedAt() {
        return connectedAt;
    }

    @Override
    public boolean encrypted() {
        return pipeline != null && pipeline.encrypted();
    }

    @Override
    public Future<Boolean> kick(String reason) {
        Promise<Boolean> delivered = Promise.promise();
        context.runOnContext(v -> delivered.complete(kickNow(reason)));
        return delivered.future();
    }

    @Override
    public Future<Boolean> sendChat(String text) {
        Promise<Boolean> sent = Promise.promise();
        context.runOnContext(v -> sent.complete(
                phase == Phase.RELAYING && pipeline != null && pipeline.sendChat(text)));
        return sent.future();
    }

    private boolean kickNow(String reason) {
        switch (phase) {
            case RELAYING -> {
                boolean inBand = pipeline != null && pipeline.kick(reason);
                endDetail = "kicked: " + reason;
                relay.close();
                return inBand;
            }
            case CONNECTING -> {
                refuseLogin(reason, Outcome.KICKED);
                return true;
            }
            case DONE -> {
                return false;
            }
            default -> {
                client.close();
                end(Outcome.KICKED, reason);
                return false;
            }
        }
    }

    private void refuseLogin(String reason, Outcome outcome) {
        refuseLogin(reason, outcome, "");
    }

    private void refuseLogin(String reason, Outcome outcome, String detail) {
        client.end(LoginDisconnect.frame(reason));
        end(outcome, detail);
    }

    /** Nothing at all came: a scanner, or a socket held open to use up the node's file descriptors. */
    private void onSilence() {
        firstByteTimer = -1;
        if (phase == Phase.GREETING && reader.length() == 0) {
            client.close();
            end(origin.awaitingHeader() ? Outcome.BAD_PROXY_HEADER : Outcome.HANDSHAKE_TIMEOUT,
                    "no byte within " + settings.firstByteTimeout().toMillis() + " ms");
        }
    }

    private void onDeadline() {
        if (phase == Phase.GREETING || phase == Phase.STATUS) {
            client.close();
            long millis = settings.handshakeTimeout().toMillis();
            if (origin.awaitingHeader()) {
                end(Outcome.BAD_PROXY_HEADER, "no complete PROXY header within " + millis + " ms");
            } else if (statusRequested()) {
                end(Outcome.STATUS, "no ping");
            } else {
                end(Outcome.HANDSHAKE_TIMEOUT, "no complete greeting within " + millis + " ms");
            }
        }
    }

    /** Logs the outcome once and forgets the session. */
    private void end(Outcome outcome, String detail) {
        if (ended) {
            return;
        }
        ended = true;
        phase = Phase.DONE;
        deadlineTimer = cancel(deadlineTimer);
        legacyTimer = cancel(legacyTimer);
        loginTimer = cancel(loginTimer);
        firstByteTimer = cancel(firstByteTimer);
        admission.done();
        services.sessions().remove(this);
        long millis = (System.nanoTime() - startedAt) / 1_000_000;
        if (!quietEnd) {
            ConnectionLog.log(outcome, info, traffic, millis, detail);
        }
        if (!greetingTimed) {
            services.metrics().greeting(System.nanoTime() - startedAt);
        }
        services.metrics().connectionEnded(info.route(), outcome.label, traffic.fromClient(), traffic.fromBackend());
    }

    private static String host(Handshake handshake) {
        return Hostnames.normalize(handshake.address());
    }

    /** Cancels a timer if one is set; answers the "no timer" id to store. */
    private long cancel(long timer) {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
        }
        return -1;
    }
}
