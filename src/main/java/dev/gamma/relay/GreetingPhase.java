package dev.gamma.relay;

import dev.gamma.protocol.ProtocolException;
import dev.gamma.relay.SessionSnapshot.Stage;
import io.vertx.core.buffer.Buffer;
import java.net.InetSocketAddress;

/**
 * A connection's first bytes, under a deadline: the PROXY header where the listener expects one, then what tells a
 * legacy ping, a server-list ping and a login apart (a legacy client that may still send more gets a short grace).
 * A connection that sends nothing at all is closed sooner. The deadline covers a server-list ping's exchange too;
 * a login stops it. Runs on the session's event loop.
 */
final class GreetingPhase implements ProxyHeaderWatcher.Listener {
    /** Legacy clients send "FE" or "FE 01" and wait; a modern 254-byte frame would go on at once. */
    private static final long LEGACY_GRACE_MILLIS = 100;

    private final ClientSession session;
    private final ProxySettings settings;
    private final ClientOrigin origin;
    private final SessionTimer deadline;
    private final SessionTimer firstByte;
    private final SessionTimer legacyGrace;

    GreetingPhase(ClientSession session) {
        this.session = session;
        this.settings = session.settings();
        this.origin = session.origin();
        this.deadline = new SessionTimer(session.context());
        this.firstByte = new SessionTimer(session.context());
        this.legacyGrace = new SessionTimer(session.context());
    }

    void start(ClientConnection client) {
        if (origin.awaitingHeader()) {
            ProxyHeaderWatcher.install(client.channel(), this);
        }
        deadline.set(settings.handshakeTimeout().toMillis(), this::onDeadline);
        firstByte.set(settings.firstByteTimeout().toMillis(), this::onSilence);
    }

    /** The load balancer's word for who the client is; an untrusted peer's is not taken, not even for the log. */
    @Override
    public void header(InetSocketAddress source, InetSocketAddress destination) {
        firstByte.cancel();
        if (!origin.claim(source, destination)) {
            session.client().close();
            session.end(Outcome.UNTRUSTED_PROXY,
                    "PROXY header from " + origin.peer() + ", which is not in proxy-protocol.trusted");
            return;
        }
        String clientAddress = origin.clientAddress();
        session.update(SessionInfo.of(clientAddress));
        Admissions.Admission admission = session.admission();
        SessionEnd.Reason denied = admission.denied(clientAddress);
        if (denied != null) {
            session.client().close();
            session.end(denied);
            return;
        }
        String closed = admission.claim(clientAddress);
        if (closed != null) {
            session.client().close();
            int closes = admission.logClose(clientAddress);
            String detail = closes > 1 ? closed + "; " + closes + " such closes since the last line" : closed;
            session.end(new SessionEnd.Reason(Outcome.RATE_LIMITED, detail, closes > 0));
        }
    }

    @Override
    public void refused(String reason) {
        session.client().close();
        session.end(Outcome.BAD_PROXY_HEADER, reason);
    }

    /** Some bytes came (after the PROXY header, if one is expected). */
    void bytesCame() {
        firstByte.cancel();
    }

    /** Reads a chunk; throws {@link ProtocolException} for a greeting that must be refused. */
    void read(Buffer chunk) {
        legacyGrace.cancel();
        Greeting greeting = session.reader().feed(chunk);
        if (!(greeting instanceof Greeting.Incomplete) && !(greeting instanceof Greeting.MaybeLegacy)) {
            session.recordGreetingTime();
        }
        if (greeting instanceof Greeting.MaybeLegacy maybe) {
            legacyGrace.set(LEGACY_GRACE_MILLIS, () -> session.legacyPing(maybe.request()));
        } else if (greeting instanceof Greeting.Legacy legacy) {
            session.legacyPing(legacy.request());
        } else if (greeting instanceof Greeting.Status status) {
            session.status(status.handshake());
        } else if (greeting instanceof Greeting.Login login) {
            AdmissionPhase.admit(session, login);
        }
    }

    /** Nothing at all came: a scanner, or a socket held open to use up the node's file descriptors. */
    private void onSilence() {
        if (session.stage() == Stage.GREETING && session.reader().length() == 0) {
            session.client().close();
            session.end(origin.awaitingHeader() ? Outcome.BAD_PROXY_HEADER : Outcome.HANDSHAKE_TIMEOUT,
                    "no byte within " + settings.firstByteTimeout().toMillis() + " ms");
        }
    }

    private void onDeadline() {
        Stage stage = session.stage();
        if (stage == Stage.GREETING || stage == Stage.STATUS) {
            session.client().close();
            long millis = settings.handshakeTimeout().toMillis();
            if (origin.awaitingHeader()) {
                session.end(Outcome.BAD_PROXY_HEADER, "no complete PROXY header within " + millis + " ms");
            } else if (session.statusRequested()) {
                session.end(Outcome.STATUS, "no ping");
            } else {
                session.end(Outcome.HANDSHAKE_TIMEOUT, "no complete greeting within " + millis + " ms");
            }
        }
    }

    /** A login took over, or the session ended: no deadline, and a legacy ping waiting for its grace is not answered. */
    void stop() {
        deadline.cancel();
        firstByte.cancel();
        legacyGrace.cancel();
    }
}
