package dev.gamma.relay;

import dev.gamma.protocol.LegacyPing;
import dev.gamma.route.FallbackStatus;
import dev.gamma.route.Route;
import dev.gamma.route.StatusJson;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * A server-list ping, answered without the backend: the status of the route the handshake names (cached, or a
 * fallback), then the pong; or a legacy ping's one reply. The session ends once the ping is answered.
 */
final class StatusPhase {
    private final ClientSession session;
    private final StatusExchange exchange;
    /** The route the handshake named, or null (looked up once, when the ping began). */
    private final Route route;

    StatusPhase(ClientSession session, ClientConnection client, Route route) {
        this.session = session;
        this.route = route;
        this.exchange = new StatusExchange(client, this::statusJson);
    }

    /** Answers the status frames read so far. */
    void answer(GreetingReader reader) {
        if (exchange.answer(reader, session.info().protocol())) {
            session.end(Outcome.STATUS, "");
        }
    }

    void answerLegacy(LegacyPing.Request request) {
        exchange.answerLegacy(request, () -> session.end(Outcome.LEGACY_STATUS, request.form().name()));
    }

    /** Whether the status request came: a close after it ends a ping, not a connection that never said anything. */
    boolean requested() {
        return exchange.requested();
    }

    private Future<String> statusJson(int protocol) {
        SessionInfo info = session.info();
        session.update(info.withRoute(route == null ? "-" : route.name()));
        ProxySettings settings = session.settings();
        Duration patience = settings.handshakeTimeout().dividedBy(2);
        RelayDependencies services = session.services();
        String wakeMotd = route == null || route.wake() == null ? null : services.wake().motd(route);
        if (wakeMotd != null && !session.rateLimited()) {
            return Future.succeededFuture(StatusJson.of(new FallbackStatus(wakeMotd, route.fallback().version(),
                    route.fallback().favicon(), 0, 0), protocol));
        }
        return StatusResponder.answer(services.statusCache(), services.statusRewriter(), new StatusResponder.StatusQuery(
                route, protocol, session.rateLimited(), settings.unknownHostMotd(), patience), session.context());
    }
}
