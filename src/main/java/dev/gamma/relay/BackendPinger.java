package dev.gamma.relay;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.ProtocolException;
import dev.gamma.protocol.StatusPackets;
import dev.gamma.route.Backend;
import dev.gamma.route.Route;
import dev.gamma.route.RouteTable;
import dev.gamma.route.StatusCache;
import dev.gamma.vertx.VertxInternals;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Supplier;

/** Asks a route's backends for their server-list status, as a client would, for the status cache. */
public final class BackendPinger implements StatusCache.Fetcher {
    private static final int MAX_FRAME = StatusPackets.MAX_RESPONSE_BYTES + 8;
    /** A health check's handshake says 1.21.4; servers answer a status request whatever version it names. */
    private static final int PROBE_PROTOCOL = 769;

    private final Vertx vertx;
    private final NetClient client;
    private final Supplier<Duration> timeout;

    public BackendPinger(Vertx vertx, NetClient client, Supplier<Duration> timeout) {
        this.vertx = vertx;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public Future<String> fetch(Route route, int protocolVersion) {
        return pingFrom(route, protocolVersion, 0);
    }

    private Future<String> pingFrom(Route route, int protocolVersion, int index) {
        Backend backend = route.backends().get(index);
        return ping(backend, hostFor(route, backend), protocolVersion).recover(failure ->
                index + 1 < route.backends().size()
                        ? pingFrom(route, protocolVersion, index + 1)
                        : Future.failedFuture(failure));
    }

    /** The hostname the backend sees in the ping: the rewrite host, else the route's own name. */
    private static String hostFor(Route route, Backend backend) {
        if (!route.rewriteHost().isEmpty()) {
            return route.rewriteHost();
        }
        return route.name().startsWith("*") || route.name().equals(RouteTable.DEFAULT_HOST)
                ? backend.host() : route.name();
    }

    Future<String> ping(Backend backend, String host, int protocolVersion) {
        long millis = timeout.get().toMillis();
        return connect(backend, millis).compose(socket -> exchange(socket, host, backend.port(), protocolVersion, millis));
    }

    /**
     * A health check of one of {@code route}'s backends: a connect and a status answer, both within {@code within};
     * a backend that accepts and never answers fails when that time is up.
     */
    public Future<String> probe(Route route, Backend backend, Duration within) {
        long millis = Math.max(1, within.toMillis());
        long deadline = System.nanoTime() + millis * 1_000_000;
        return connect(backend, millis).compose(socket -> {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            return exchange(socket, hostFor(route, backend), backend.port(), PROBE_PROTOCOL, left);
        });
    }

    /** A connection to {@code backend} within {@code millis}, the lookup of its name included. */
    private Future<NetSocket> connect(Backend backend, long millis) {
        ConnectOptions options = new ConnectOptions().setHost(backend.host()).setPort(backend.port())
                .setTimeout((int) Math.min(Integer.MAX_VALUE, millis));
        return Within.millis(vertx, client.connect(options), millis, "connecting to " + backend, NetSocket::close);
    }

    private Future<String> exchange(NetSocket socket, String host, int port, int protocolVersion, long millis) {
        Promise<String> answer = Promise.promise();
        long timer = vertx.setTimer(millis, t -> answer.tryFail("no status answer within " + millis + " ms"));
        Buffer received = Buffer.buffer();
        socket.handler(chunk -> {
            received.appendBuffer(chunk);
            try {
                // read where the bytes lie: a backend that answers a byte at a time must not cost a copy of all so far
                ByteBuffer body = Frames.next(VertxInternals.byteBuf(received).nioBuffer(), MAX_FRAME);
                if (body != null) {
                    answer.tryComplete(StatusPackets.readResponse(body));
                }
            } catch (ProtocolException e) {
                answer.tryFail(e);
            }
        });
        socket.closeHandler(v -> answer.tryFail("backend closed before answering"));
        socket.exceptionHandler(answer::tryFail);
        Buffer request = Buffer.buffer(new Handshake(protocolVersion, host, port, Handshake.STATUS).encode())
                .appendBytes(StatusPackets.requestFrame());
        socket.write(request);
        return answer.future().onComplete(done -> {
            vertx.cancelTimer(timer);
            socket.close();
        });
    }
}
