package dev.gamma.bench.netserver;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import java.util.Map;

/**
 * One instance per event loop: its {@code NetServer} on the shared port and its {@code NetClient} to the
 * backends, both on the instance's event loop, so a session's two sockets share one thread as in Gamma.
 */
final class RelayVerticle extends VerticleBase {
    /** Gamma's defaults: {@code limits.max-handshake-bytes}, {@code timeouts.handshake} and the connect timeout. */
    static final int MAX_GREETING_BYTES = 4096;
    static final long GREETING_MILLIS = 5_000;
    static final int CONNECT_MILLIS = 5_000;
    /** Gamma's relay pauses the other side at 256 KiB queued; Vert.x sets the low mark at half of this. */
    static final int WRITE_QUEUE_MAX = 256 * 1024;

    /** Where to listen, and normalized hostname to backend. */
    record Settings(SocketAddress bind, Map<String, SocketAddress> routes) {}

    private final Settings settings;
    private NetServer server;

    RelayVerticle(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Future<?> start() {
        NetClient backends = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)
                .setConnectTimeout(CONNECT_MILLIS));
        server = vertx.createNetServer(new NetServerOptions().setReusePort(true).setTcpNoDelay(true)
                .setHost(settings.bind().host()).setPort(settings.bind().port()));
        server.connectHandler(socket -> new RelaySession(socket, backends, settings.routes(), vertx).start());
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server.close();
    }
}
