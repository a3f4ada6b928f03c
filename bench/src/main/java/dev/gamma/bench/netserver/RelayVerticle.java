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
                .setConnectTimeout(GreetingBuffer.CONNECT_MILLIS));
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
