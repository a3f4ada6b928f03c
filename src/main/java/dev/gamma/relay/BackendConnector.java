package dev.gamma.relay;

import dev.gamma.route.Backend;
import dev.gamma.route.BackendBalancer;
import dev.gamma.route.Route;
import io.vertx.core.Future;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects to a route's backends in the balancer's order, moving on to the next when a connect fails. */
final class BackendConnector {
    private static final Logger LOG = LoggerFactory.getLogger(BackendConnector.class);

    record Connected(Backend backend, NetSocket socket) {}

    private final NetClient client;
    private final BackendBalancer balancer;

    BackendConnector(NetClient client, BackendBalancer balancer) {
        this.client = client;
        this.balancer = balancer;
    }

    /** Must be called on the client connection's event loop, so both sockets share it. */
    Future<Connected> connect(Route route, Duration timeout) {
        return tryFrom(route, balancer.order(route), 0, timeout);
    }

    private Future<Connected> tryFrom(Route route, List<Backend> order, int index, Duration timeout) {
        Backend backend = order.get(index);
        ConnectOptions options = new ConnectOptions()
                .setHost(backend.host())
                .setPort(backend.port())
                .setTimeout((int) timeout.toMillis());
        return client.connect(options)
                .map(socket -> new Connected(backend, socket))
                .recover(failure -> {
                    LOG.debug("route {}: backend {} failed: {}", route.name(), backend, failure.getMessage());
                    if (index + 1 < order.size()) {
                        return tryFrom(route, order, index + 1, timeout);
                    }
                    return Future.failedFuture(failure);
                });
    }
}
