package dev.gamma.bench.netserver;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LegacyPing;
import dev.gamma.protocol.LoginStart;
import dev.gamma.protocol.ProtocolException;
import dev.gamma.route.Hostnames;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * One player's connection, as Gamma's raw route handles a login: collect the Handshake and Login Start (at most
 * {@link RelayVerticle#MAX_GREETING_BYTES}, within {@link RelayVerticle#GREETING_MILLIS}), look the hostname up,
 * connect the backend, replay the bytes read so far, then pipe both ways (pause/resume on a full write queue).
 * Status requests, legacy pings, unknown hosts and malformed greetings are closed without an answer: the
 * benchmark sends none of them.
 */
final class RelaySession {
    private final NetSocket client;
    private final NetClient backends;
    private final Map<String, SocketAddress> routes;
    private final Vertx vertx;
    private byte[] greeting = new byte[256];
    private int length;
    private long deadline;
    private boolean connecting;
    private boolean clientClosed;

    RelaySession(NetSocket client, NetClient backends, Map<String, SocketAddress> routes, Vertx vertx) {
        this.client = client;
        this.backends = backends;
        this.routes = routes;
        this.vertx = vertx;
    }

    void start() {
        client.handler(this::onBytes);
        client.closeHandler(v -> {
            clientClosed = true;
            vertx.cancelTimer(deadline);
        });
        deadline = vertx.setTimer(RelayVerticle.GREETING_MILLIS, t -> client.close());
    }

    private void onBytes(Buffer chunk) {
        if (connecting || !append(chunk)) {
            return;
        }
        Handshake handshake = greetingRead();
        if (handshake == null) {
            return;
        }
        SocketAddress backend = routes.get(Hostnames.normalize(handshake.address()));
        if (backend == null || !handshake.isLogin() && handshake.intent() != Handshake.TRANSFER) {
            client.close();
            return;
        }
        connecting = true;
        vertx.cancelTimer(deadline);
        client.pause(); // what comes meanwhile waits in the socket, and goes to the backend after the replay
        backends.connect(backend).onComplete(connected -> {
            if (connected.failed()) {
                client.close();
            } else if (clientClosed) {
                connected.result().close();
            } else {
                relay(connected.result());
            }
        });
    }

    /** The Handshake once it and the Login Start after it are complete; null while more bytes are needed. */
    private Handshake greetingRead() {
        ByteBuffer input = ByteBuffer.wrap(greeting, 0, length);
        try {
            LegacyPing.Detection detection = LegacyPing.detect(input);
            if (!(detection instanceof LegacyPing.Modern)) {
                if (!(detection instanceof LegacyPing.Incomplete)) {
                    client.close();
                }
                return null;
            }
            ByteBuffer body = Frames.next(input, RelayVerticle.MAX_GREETING_BYTES);
            if (body == null) {
                Handshake.checkStart(input);
                return null;
            }
            Handshake handshake = Handshake.decode(body);
            if (handshake.isStatus()) {
                return handshake;
            }
            ByteBuffer loginBody = Frames.next(input, RelayVerticle.MAX_GREETING_BYTES);
            if (loginBody == null) {
                return null;
            }
            try {
                LoginStart.decode(loginBody, handshake.protocolVersion());
            } catch (ProtocolException unknownLayout) {
                // a version whose Login Start is not known still goes to its backend, as in Gamma
            }
            return handshake;
        } catch (ProtocolException malformed) {
            client.close();
            return null;
        }
    }

    private boolean append(Buffer chunk) {
        int needed = length + chunk.length();
        if (needed > RelayVerticle.MAX_GREETING_BYTES) {
            client.close();
            return false;
        }
        if (needed > greeting.length) {
            greeting = Arrays.copyOf(greeting, Math.min(RelayVerticle.MAX_GREETING_BYTES,
                    Math.max(needed, greeting.length * 2)));
        }
        chunk.getBytes(0, chunk.length(), greeting, length);
        length = needed;
        return true;
    }

    private void relay(NetSocket backend) {
        backend.write(Buffer.buffer(Arrays.copyOf(greeting, length)));
        greeting = null;
        client.setWriteQueueMaxSize(RelayVerticle.WRITE_QUEUE_MAX);
        backend.setWriteQueueMaxSize(RelayVerticle.WRITE_QUEUE_MAX);
        // either side's end (or failure) ends the other once what was written to it is flushed
        client.pipeTo(backend);
        backend.pipeTo(client);
    }
}
