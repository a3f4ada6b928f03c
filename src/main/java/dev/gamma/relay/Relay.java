package dev.gamma.relay;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * Raw byte relay between a client and its backend: each direction pauses its reader while the other
 * side's write queue is full and resumes on drain, so a slow reader never makes Gamma buffer without
 * bound. When either side closes, what was already read is flushed to the other side, which is then closed.
 */
final class Relay {
    private final NetSocket client;
    private final NetSocket backend;
    private final SessionTraffic traffic;
    private final Runnable onClosed;
    private boolean closed;

    private Relay(NetSocket client, NetSocket backend, SessionTraffic traffic, Runnable onClosed) {
        this.client = client;
        this.backend = backend;
        this.traffic = traffic;
        this.onClosed = onClosed;
    }

    /** Starts relaying; must run on the sockets' event loop. {@code onClosed} runs once, when both are closed. */
    static void start(NetSocket client, NetSocket backend, SessionTraffic traffic, Runnable onClosed) {
        new Relay(client, backend, traffic, onClosed).wire();
    }

    private void wire() {
        client.handler(chunk -> {
            traffic.addFromClient(chunk.length());
            forward(chunk, client, backend);
        });
        backend.handler(chunk -> {
            traffic.addFromBackend(chunk.length());
            forward(chunk, backend, client);
        });
        client.closeHandler(v -> sideClosed(backend));
        backend.closeHandler(v -> sideClosed(client));
        client.exceptionHandler(e -> client.close());
        backend.exceptionHandler(e -> backend.close());
        client.resume();
        backend.resume();
    }

    private static void forward(Buffer chunk, NetSocket from, NetSocket to) {
        to.write(chunk);
        if (to.writeQueueFull()) {
            from.pause();
            to.drainHandler(v -> from.resume());
        }
    }

    private void sideClosed(NetSocket other) {
        if (closed) {
            onClosed.run();
            return;
        }
        closed = true;
        other.end(); // flushes what is queued, then closes; its close handler finishes the session
    }
}
