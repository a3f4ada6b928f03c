package dev.gamma.relay;

import dev.gamma.pipeline.PacketPipeline;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays a client and its backend both ways, raw or through a {@link PacketPipeline}. Each direction pauses
 * its reader while the other side's write queue is full and resumes on drain, so a slow reader never makes
 * Gamma buffer without bound. When either side closes, what was already read is flushed to the other side,
 * which is then closed.
 */
final class Relay {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    /** What happens to the bytes read from each side. */
    interface Forwarding {
        void fromClient(Buffer chunk);

        void fromBackend(Buffer chunk);
    }

    private final NetSocket client;
    private final NetSocket backend;
    private final SessionTraffic traffic;
    private final Forwarding forwarding;
    private final Consumer<String> onClosed;
    private boolean oneSideClosed;
    private String problem = "";

    private Relay(NetSocket client, NetSocket backend, SessionTraffic traffic, Forwarding forwarding,
            Consumer<String> onClosed) {
        this.client = client;
        this.backend = backend;
        this.traffic = traffic;
        this.forwarding = forwarding;
        this.onClosed = onClosed;
    }

    static Forwarding raw(NetSocket client, NetSocket backend) {
        return new Forwarding() {
            @Override
            public void fromClient(Buffer chunk) {
                backend.write(chunk);
            }

            @Override
            public void fromBackend(Buffer chunk) {
                client.write(chunk);
            }
        };
    }

    static Forwarding framed(PacketPipeline pipeline) {
        return new Forwarding() {
            @Override
            public void fromClient(Buffer chunk) {
                pipeline.fromClient(chunk);
            }

            @Override
            public void fromBackend(Buffer chunk) {
                pipeline.fromBackend(chunk);
            }
        };
    }

    /**
     * Starts relaying; must run on the sockets' event loop. {@code onClosed} runs once, when both sides are
     * closed, with "" or what went wrong.
     */
    static void start(NetSocket client, NetSocket backend, SessionTraffic traffic, Forwarding forwarding,
            Consumer<String> onClosed) {
        new Relay(client, backend, traffic, forwarding, onClosed).wire();
    }

    private void wire() {
        client.handler(chunk -> {
            traffic.addFromClient(chunk.length());
            forward(chunk, client, backend, true);
        });
        backend.handler(chunk -> {
            traffic.addFromBackend(chunk.length());
            forward(chunk, backend, client, false);
        });
        client.closeHandler(v -> sideClosed(backend));
        backend.closeHandler(v -> sideClosed(client));
        client.exceptionHandler(e -> client.close());
        backend.exceptionHandler(e -> backend.close());
        client.resume();
        backend.resume();
    }

    private void forward(Buffer chunk, NetSocket from, NetSocket to, boolean fromClient) {
        try {
            if (fromClient) {
                forwarding.fromClient(chunk);
            } else {
                forwarding.fromBackend(chunk);
            }
        } catch (RuntimeException e) {
            // Malformed framing from either side ends the session; it never reaches the other peer.
            problem = (fromClient ? "client" : "backend") + " sent a malformed stream: " + e.getMessage();
            LOG.debug(problem, e);
            client.close();
            backend.close();
            return;
        }
        if (to.writeQueueFull()) {
            from.pause();
            to.drainHandler(v -> from.resume());
        }
    }

    private void sideClosed(NetSocket other) {
        if (oneSideClosed) {
            onClosed.accept(problem);
            return;
        }
        oneSideClosed = true;
        other.end(); // flushes what is queued, then closes; its close handler finishes the session
    }
}
