package dev.gamma.bench.netserver;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.ProtocolException;
import dev.gamma.route.Hostnames;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.Map;

/**
 * One player's connection on a Vert.x {@code NetSocket}: collect the greeting (see {@link GreetingBuffer}) under a
 * deadline, look the hostname up, connect the backend with the {@code NetClient}, replay the bytes read so far,
 * then pipe both ways (pause/resume on a full write queue). Status requests, unknown hosts and malformed
 * greetings are closed without an answer: the benchmark sends none of them.
 */
final class RelaySession {
    /** Gamma's relay pauses the other side at 256 KiB queued; Vert.x sets the low mark at half of this. */
    private static final int WRITE_QUEUE_MAX = 256 * 1024;

    private final NetSocket client;
    private final NetClient backends;
    private final Map<String, SocketAddress> routes;
    private final Vertx vertx;
    private final GreetingBuffer greeting = new GreetingBuffer();
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
        deadline = vertx.setTimer(GreetingBuffer.DEADLINE_MILLIS, t -> client.close());
    }

    private void onBytes(Buffer chunk) {
        if (connecting) {
            return; // paused: nothing more comes until the pipes take over
        }
        Handshake handshake;
        try {
            if (!greeting.append(chunk.length(), (target, offset) -> chunk.getBytes(0, chunk.length(), target, offset))) {
                throw new ProtocolException("greeting too long");
            }
            handshake = greeting.read();
        } catch (ProtocolException malformed) {
            client.close();
            return;
        }
        if (handshake == null) {
            return;
        }
        SocketAddress backend = routes.get(Hostnames.normalize(handshake.address()));
        if (backend == null || handshake.isStatus()) {
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

    private void relay(NetSocket backend) {
        backend.write(Buffer.buffer(greeting.takeAll()));
        client.setWriteQueueMaxSize(WRITE_QUEUE_MAX);
        backend.setWriteQueueMaxSize(WRITE_QUEUE_MAX);
        // either side's end (or failure) ends the other once what was written to it is flushed
        client.pipeTo(backend);
        backend.pipeTo(client);
    }
}
