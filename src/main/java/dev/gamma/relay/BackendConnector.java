package dev.gamma.relay;

import dev.gamma.route.Backend;
import dev.gamma.route.BackendBalancer;
import dev.gamma.route.Route;
import dev.gamma.vertx.VertxInternals;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
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
 * Connects to a route's backends in the balancer's order, moving on to the next when a connect fails, and tells the
 * balancer of each attempt (its counts, and the failures that count toward marking a backend down). The
 * connection is a bare Netty channel on the client's own event loop: the relay takes it over at once, so it
 * needs none of a Vert.x socket's machinery, and both sockets of a session share one thread.
 */
final class BackendConnector {
    private static final Logger LOG = LoggerFactory.getLogger(BackendConnector.class);

    record Connected(Backend backend, Channel channel) {}

    /** Bootstrap wants a handler; this one leaves the pipeline empty, so the relay's is the only one a read crosses. */
    private static final ChannelInitializer<Channel> NO_HANDLER = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel channel) {}
    };

    private BackendConnector() {}

    /**
     * Opens a backend channel, registered on the client's event loop and not reading yet; {@code context} is the
     * client's, to which the outcome is handed.
     */
    static Future<Connected> connect(BackendBalancer balancer, Route route, Duration timeout, Channel client,
            Context context) {
        Promise<Connected> onContext = VertxInternals.promise(context);
        new Attempt(context.owner(), balancer, route, balancer.order(route), timeout, client).from(0)
                .onComplete(onContext);
        return onContext.future();
    }

    /** One login's attempts, backend after backend. */
    private record Attempt(Vertx vertx, BackendBalancer balancer, Route route, List<Backend> order, Duration timeout,
            Channel client) {
        Future<Connected> from(int index) {
            Backend backend = order.get(index);
            balancer.connected(backend);
            return resolve(vertx, backend.host())
                    .compose(address -> open(new InetSocketAddress(address, backend.port()), timeout, client))
                    .map(channel -> {
                        balancer.connectSucceeded(route, backend);
                        return new Connected(backend, channel);
                    })
                    .recover(failure -> {
                        LOG.debug("route {}: backend {} failed: {}", route.name(), backend, failure.getMessage());
                        balancer.connectFailed(route, backend);
                        if (index + 1 < order.size()) {
                            return from(index + 1);
                        }
                        return Future.failedFuture(failure);
                    });
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

    private static Future<Channel> open(InetSocketAddress address, Duration timeout, Channel client) {
        Promise<Channel> opened = Promise.promise();
        new Bootstrap()
                .group(client.eventLoop())
                // the client's transport, so both share its event loop
                .channelFactory(() -> client instanceof IoUringSocketChannel ? new IoUringSocketChannel()
                        : client instanceof EpollSocketChannel ? new EpollSocketChannel() : new NioSocketChannel())
                // no TCP_NODELAY here: Netty sets it on every socket it makes, and a second call is a system call
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(NO_HANDLER)
                .connect(address)
                .addListener(connected -> {
                    if (connected.isSuccess()) {
                        opened.complete(((ChannelFuture) connected).channel());
                    } else {
                        opened.fail(connected.cause());
                    }
                });
        return opened.future();
    }
}
