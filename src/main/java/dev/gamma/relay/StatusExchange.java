package dev.gamma.relay;

import dev.gamma.protocol.LegacyPing;
import dev.gamma.protocol.ProtocolException;
import dev.gamma.protocol.StatusPackets;
import dev.gamma.route.StatusJson;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * A server-list ping answered without the backend: the status request with the route's status (cached, or a
 * fallback), then the ping with its pong; or a legacy ping, from clients before 1.7, with its one reply.
 */
final class StatusExchange {
    /** A legacy ping carries no protocol for the backend; any modern number gets a modern server's answer. */
    private static final int LEGACY_BACKEND_PROTOCOL = 47;

    private final ClientConnection client;
    private final IntFunction<Future<String>> statusJson;
    private Future<Void> answered;

    /** {@code statusJson} answers the status to show for a protocol version. */
    StatusExchange(ClientConnection client, IntFunction<Future<String>> statusJson) {
        this.client = client;
        this.statusJson = statusJson;
    }

    /** Whether the status request came: a close after it ends a ping, not a connection that never said anything. */
    boolean requested() {
        return answered != null;
    }

    /** Answers the frames read so far; true once the ping is answered, which ends the exchange. */
    boolean answer(GreetingReader reader, int protocol) {
        ByteBuffer body;
        while ((body = reader.nextFrame()) != null) {
            if (StatusPackets.isRequest(body)) {
                if (answered != null) {
                    throw new ProtocolException("second status request");
                }
                answered = statusJson.apply(protocol).map(json -> {
                    client.write(StatusPackets.responseFrame(json));
                    return null;
                });
            } else {
                long payload = StatusPackets.readPing(body);
                Future<Void> before = answered == null ? Future.succeededFuture() : answered;
                before.onComplete(v -> client.end(StatusPackets.pongFrame(payload)));
                return true;
            }
        }
        return false;
    }

    /** Answers a legacy ping, then runs {@code answeredThen}. */
    void answerLegacy(LegacyPing.Request request, Runnable answeredThen) {
        statusJson.apply(LEGACY_BACKEND_PROTOCOL).onComplete(json -> {
            client.end(LegacyPing.reply(request.form(), StatusJson.toLegacy(json.result())));
            answeredThen.run();
        });
    }
}
