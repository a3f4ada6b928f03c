package dev.gamma.relay;

import dev.gamma.route.Backend;
import dev.gamma.route.BackendBalancer;
import dev.gamma.route.Route;
import dev.gamma.vertx.VertxInternals;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.NetUtil;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to a route's backends in the balancer's order, each attempt (a name's lookup and the connect) within the
 * connect timeout, moving on to the next when one fails, and tells the balancer of each attempt (its counts, and
 * the failures that count toward marking a backend down). The connection is a bare Netty channel on the client's
 * own event loop: the relay takes it over at once, so it needs none of a Vert.x socket's machinery, and both
 * sockets of a session share one thread.
 */
final class BackendConnector {
    private static final Logger LOG = LoggerFactory.getLogger(BackendConnector.class);

    record Connected(Backend backend, Channel channel) {}

    private BackendConnector() {}

    /**
     * Opens a backend channel, registered on the client's event loop and not reading yet; {@code context} is the
     * client's, to which the outcome is handed.
     */
    static Future<Connected> connect(BackendBalancer balancer, Route route, Duration timeout, Channel client,
            Context context) {
        Promise<Connected> onContext = VertxInternals.promise(context);
        new Attempt(context.owner(), balancer, route, balancer.order(route), timeout, client, onContext).from(0);
        return onContext.future();
    }

    /** One login's attempts, backend after backend; the first to connect, or the last failure, completes {@code result}. */
    private record Attempt(Vertx vertx, BackendBalancer balancer, Route route, List<Backend> order, Duration timeout,
            Channel client, Promise<Connected> result) {
        void from(int index) {
            Backend backend = order.get(index);
            balancer.connected(backend);
            long started = System.nanoTime();
            Within.millis(vertx, resolve(vertx, backend.host()), timeout.toMillis(),
                    "the name lookup of " + backend.host(), address -> {}).onComplete(resolved -> {
                if (resolved.succeeded()) {
                    Duration left = timeout.minusNanos(System.nanoTime() - started);
                    open(index, new InetSocketAddress(resolved.result(), backend.port()), left);
                } else {
                    failed(index, resolved.cause());
                }
            });
        }

        /** Connects within what is {@code left} of the attempt's time, the name lookup's share taken off. */
        private void open(int index, InetSocketAddress address, Duration left) {
            ChannelFuture connecting;
            try {
                connecting = BackendConnector.open(address, left, client);
            } catch (RuntimeException e) { // no socket to be had (no descriptor left, say): this attempt failed
                failed(index, e);
                return;
            }
            connecting.addListener((ChannelFuture opened) -> {
                if (opened.isSuccess()) {
                    Backend backend = order.get(index);
                    balancer.connectSucceeded(route, backend);
                    result.complete(new Connected(backend, opened.channel()));
                } else {
                    // as a Bootstrap does: a failed connect is not always followed by a close (never on io_uring,
                    // where the refused socket stayed open and registered, a descriptor lost per attempt)
                    opened.channel().close();
                    failed(index, opened.cause());
                }
            });
        }

        private void failed(int index, Throwable failure) {
            Backend backend = order.get(index);
            LOG.debug("route {}: backend {} failed: {}", route.name(), backend, failure.getMessage());
            balancer.connectFailed(route, backend);
            if (index + 1 < order.size()) {
                from(index + 1);
            } else {
                result.fail(failure);
            }
        }
    }

    /** An IP literal as it is; a name through Vert.x's asynchronous resolver, never blocking the event loop. */
    static Future<InetAddress> resolve(Vertx vertx, String host) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal == null) {
            return VertxInternals.resolve(vertx, host);
        }
        try {
            return Future.succeededFuture(InetAddress.getByAddress(host, literal));
        } catch (UnknownHostException impossible) {
            return Future.failedFuture(impossible);
        }
    }

    /**
     * A channel of the client's transport on the client's event loop, so both share one thread, connecting to
     * {@code address}. Made by hand rather than by a Bootstrap, which would add a handler only to remove it, look up
     * a resolver for an address already resolved and queue the connect as a task of the loop it is already on.
     * No TCP_NODELAY here: Netty sets it on every socket it makes, and a second call is a system call.
     */
    private static ChannelFuture open(InetSocketAddress address, Duration timeout, Channel client) {
        Channel channel = client instanceof IoUringSocketChannel ? new IoUringSocketChannel()
                : client instanceof EpollSocketChannel ? new EpollSocketChannel() : new NioSocketChannel();
        channel.config().setAutoRead(false);
        channel.config().setConnectTimeoutMillis((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        ChannelPromise connected = channel.newPromise();
        client.eventLoop().register(channel).addListener(registered -> {
            if (registered.isSuccess()) {
                channel.connect(address, connected);
            } else {
                channel.unsafe().closeForcibly();
                connected.setFailure(registered.cause());
            }
        });
        return connected;
    }
}
