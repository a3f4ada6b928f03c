package dev.gamma.relay;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LegacyPing;
import dev.gamma.protocol.LoginDisconnect;
import dev.gamma.protocol.ProtocolException;
import dev.gamma.relay.SessionSnapshot.Stage;
import dev.gamma.route.Hostnames;
import dev.gamma.route.Route;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

/**
 * One client connection, from accept to end: reads the greeting under a deadline and a byte cap
 * ({@link GreetingPhase}), answers status and legacy pings itself ({@link StatusPhase}), refuses a login that fails
 * its checks ({@link AdmissionPhase}) and hands the others to their backend ({@link Handover}). Every callback runs on
 * the client's event loop; other threads read only the {@link #snapshot()} it publishes, and its end reason is the
 * first one offered ({@link SessionEnd}).
 */
final class ClientSession implements PlayerSession {
    /** A connection the listener accepted and admitted, with its session id. */
    record Accepted(String id, ClientConnection connection, boolean proxyProtocol, Admissions.Admission admission) {}

    private final String id;
    private final Context context;
    private final RelayDependencies services;
    private final ProxySettings settings;
    private final GreetingReader reader;
    private final ClientOrigin origin;
    private final Admissions.Admission admission;
    private final long startedAt = System.nanoTime();
    private final long connectedAt = System.currentTimeMillis();
    private final SessionTraffic traffic = new SessionTraffic();
    private final SessionEnd ending = new SessionEnd();
    private final GreetingPhase greeting;
    /** Written on the event loop only; replaced whole, so other threads never see half a change. */
    private volatile SessionSnapshot snapshot;
    /** Handed to the relay (and forgotten here) once the session relays. */
    private ClientConnection client;
    private StatusPhase status;
    private Handover handover;
    private boolean greetingTimed;

    ClientSession(Accepted accepted, RelayDependencies services) {
        this.id = accepted.id();
        this.client = accepted.connection();
        this.context = client.context();
        this.services = services;
        this.settings = services.settings().get();
        this.reader = new GreetingReader(settings.maxHandshakeBytes());
        this.origin = new ClientOrigin(client, accepted.proxyProtocol(), settings.trusted());
        this.admission = accepted.admission();
        this.snapshot = SessionSnapshot.accepted(origin.peer());
        this.greeting = new GreetingPhase(this);
    }

    void start() {
        services.sessions().add(this);
        greeting.start(client);
        client.listen(this::onBytes, v -> end(statusRequested() ? Outcome.STATUS : Outcome.CLOSED_EARLY, ""));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SessionSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public SessionTraffic traffic() {
        return traffic;
    }

    @Override
    public long connectedAt() {
        return connectedAt;
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
        context.runOnContext(v -> sent.complete(stage() == Stage.RELAYING && handover.sendChat(text)));
        return sent.future();
    }

    /** Only players are kicked ({@link LocalSessions}); one may have ended by the time the kick runs. */
    private boolean kickNow(String reason) {
        return stage() == Stage.RELAYING && handover.kick(reason);
    }

    /** Closes the connection for a node shutdown; a relaying session ends through its normal close path. */
    void shutdown() {
        switch (stage()) {
            case RELAYING -> handover.close();
            case ENDED -> { }
            default -> {
                client.close();
                end(Outcome.SHUTDOWN, "");
            }
        }
    }

    private void onBytes(Buffer chunk) {
        greeting.bytesCame();
        try {
            switch (stage()) {
                case GREETING -> greeting.read(chunk);
                case STATUS -> {
                    reader.append(chunk);
                    status.answer(reader);
                }
                case CONNECTING -> reader.append(chunk); // replayed with the greeting, still under its byte cap
                default -> { }
            }
        } catch (ProtocolException e) {
            client.close();
            end(Outcome.BAD_HANDSHAKE, e.getMessage());
        }
    }

    void legacyPing(LegacyPing.Request request) {
        if (stage() != Stage.GREETING) {
            return;
        }
        String host = request.host() == null ? "" : Hostnames.normalize(request.host());
        StatusPhase phase = enterStatus(host.isEmpty() ? "-" : host, request.protocol(), host);
        if (phase != null) {
            phase.answerLegacy(request);
        }
    }

    void status(Handshake handshake) {
        String host = Hostnames.normalize(handshake.address());
        StatusPhase phase = enterStatus(host, handshake.protocolVersion(), host);
        if (phase != null) {
            phase.answer(reader);
        }
    }

    /** Null when the route's access list refuses the address: the ping was closed unanswered. */
    private StatusPhase enterStatus(String shownHost, int protocol, String host) {
        Route route = services.routes().get().lookup(host).orElse(null);
        if (RouteAccess.closesPing(this, route, shownHost, protocol)) {
            return null;
        }
        publish(snapshot.with(info().withHandshake(shownHost, protocol)).at(Stage.STATUS));
        status = new StatusPhase(this, client, route);
        return status;
    }

    /** The login was admitted: its greeting is over, and its backend is connected. */
    void connect(Route route, Greeting.Login login, LoginPolicy.Admission admitted) {
        publish(snapshot.at(Stage.CONNECTING));
        greeting.stop();
        admission.done();
        handover = new Handover(this, route, login, admitted);
        handover.connect(client);
    }

    boolean statusRequested() {
        return status != null && status.requested();
    }

    void refuseLogin(String reason, Outcome outcome, String detail) {
        client.end(LoginDisconnect.frame(reason));
        end(outcome, detail);
    }

    /** The backend accepted: the session relays from now on, and the client's connection is the relay's. */
    ClientConnection handOver(String backend) {
        publish(snapshot.with(info().withBackend(backend)).at(Stage.RELAYING));
        ClientConnection handed = client;
        client = null;
        return handed;
    }

    void encryptionStarted() {
        publish(snapshot.encrypted(true));
    }

    /** Ends the session now, for {@code outcome} unless another reason was offered first. */
    void end(Outcome outcome, String detail) {
        end(new SessionEnd.Reason(outcome, detail, true));
    }

    void end(SessionEnd.Reason reason) {
        ending.offer(reason);
        finish(reason.outcome());
    }

    /** Logs the end reason ({@code outcome} when none was offered) once, and forgets the session. */
    void finish(Outcome outcome) {
        if (stage() == Stage.ENDED) {
            return;
        }
        publish(snapshot.at(Stage.ENDED));
        greeting.stop();
        if (handover != null) {
            handover.stop();
        }
        admission.done();
        services.sessions().remove(this);
        SessionEnd.Reason reason = ending.settle(outcome);
        long millis = (System.nanoTime() - startedAt) / 1_000_000;
        if (reason.logged()) {
            ConnectionLog.log(reason.outcome(), info(), traffic, millis, reason.detail());
        }
        recordGreetingTime();
        services.metrics().connectionEnded(info().route(), reason.outcome().label, traffic.fromClient(),
                traffic.fromBackend());
    }

    /** Once: when the greeting was understood, or else when the session ended. */
    void recordGreetingTime() {
        if (!greetingTimed) {
            greetingTimed = true;
            services.metrics().greeting(System.nanoTime() - startedAt);
        }
    }

    void update(SessionInfo changed) {
        publish(snapshot.with(changed));
    }

    /** A change while relaying goes to the node at once (started and ended tell it of the rest). */
    private void publish(SessionSnapshot next) {
        SessionSnapshot before = snapshot;
        snapshot = next;
        if (before.relaying() && next.relaying() && !before.equals(next)) {
            services.events().changed(this);
        }
    }

    Stage stage() {
        return snapshot.stage();
    }

    boolean connecting() {
        return stage() == Stage.CONNECTING;
    }

    Context context() {
        return context;
    }

    RelayDependencies services() {
        return services;
    }

    ProxySettings settings() {
        return settings;
    }

    GreetingReader reader() {
        return reader;
    }

    ClientOrigin origin() {
        return origin;
    }

    SessionEnd ending() {
        return ending;
    }

    boolean rateLimited() {
        return admission.rateLimited();
    }

    Admissions.Admission admission() {
        return admission;
    }

    /** Null once the session relays. */
    ClientConnection client() {
        return client;
    }
}
