package dev.gamma.bench.netserver;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The control of the A/B: the same session as {@link RelaySession}, on sockets bound the way Gamma's
 * {@code ProxyListeners} binds them (one listening socket of the node's transport per Vert.x event loop, SO_REUSEPORT, accepted on
 * that loop) and relayed between bare Netty channels like Gamma's {@code Relay}, without Gamma's session
 * bookkeeping (log line, metrics, player registry, limits, half-close).
 */
final class BareListener {
    private BareListener() {
    }

    static Future<Integer> bind(VertxInternal vertx, InetSocketAddress address, Map<String, InetSocketAddress> routes) {
        ChannelInitializer<Channel> initializer = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(BareSession.HANDLER_NAME, new BareSession(channel, routes));
            }
        };
        List<Future<Void>> bound = new ArrayList<>();
        for (EventExecutor executor : vertx.nettyEventLoopGroup()) {
            EventLoop loop = (EventLoop) executor;
            Promise<Void> done = Promise.promise();
            // accepted sockets get TCP_NODELAY from Netty, as in Gamma
            new ServerBootstrap().group(loop, loop).channelFactory(vertx.transport().serverChannelFactory(false))
                    .option(UnixChannelOption.SO_REUSEPORT, true)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childHandler(initializer)
                    .bind(address)
                    .addListener(f -> {
                        if (f.isSuccess()) {
                            done.complete();
                        } else {
                            done.fail(f.cause());
                        }
                    });
            bound.add(done.future());
        }
        return Future.all(bound).map(all -> bound.size());
    }
}
