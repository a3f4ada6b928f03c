package dev.gamma.relay;

import dev.gamma.vertx.VertxInternals;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The players' port, bound on Vert.x's own event loops so that a connection is accepted and served on one thread,
 * with no hand-over from an acceptor thread. With io_uring or epoll every event loop has its own listening socket on
 * the port (SO_REUSEPORT) and the kernel spreads connections over them; otherwise one socket accepts on the first
 * loop and spreads its connections over all of them.
 */
final class ProxyListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyListeners.class);

    private final List<Channel> listening;

    private ProxyListeners(List<Channel> listening) {
        this.listening = listening;
    }

    /** Binds and hands every accepted channel, already on its event loop, to {@code accepted} with that loop's context. */
    static Future<ProxyListeners> bind(Vertx vertx, InetSocketAddress address,
                                       BiConsumer<Channel, Context> accepted) {
        EventLoopGroup group = VertxInternals.eventLoopGroup(vertx);
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor executor : group) {
            loops.add((EventLoop) executor);
        }
        // both native transports (io_uring, epoll) have SO_REUSEPORT; NIO has not
        boolean perLoop = vertx.isNativeTransportEnabled();
        Map<EventLoop, Context> contexts = new IdentityHashMap<>(); // read-only once bound
        for (EventLoop loop : loops) {
            contexts.put(loop, VertxInternals.eventLoopContext(vertx, loop));
        }
        ChannelHandler acceptor = new Acceptor(accepted, contexts);
        InetSocketAddress free;
        try {
            free = freeAddress(address);
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        if (!perLoop) {
            ServerBootstrap bootstrap = new ServerBootstrap().group(loops.get(0), group)
                    .channel(NioServerSocketChannel.class);
            return open(bootstrap, acceptor, free).map(channel -> new ProxyListeners(List.of(channel)));
        }
        List<Channel> opened = new ArrayList<>();
        Future<Void> all = Future.succeededFuture();
        for (EventLoop loop : loops) {
            all = all.compose(v -> open(perLoopBootstrap(vertx, loop), acceptor, free)).map(channel -> {
                opened.add(channel);
                return null;
            });
        }
        return all.map(v -> new ProxyListeners(List.copyOf(opened)))
                .onFailure(e -> opened.forEach(Channel::close));
    }

    /**
     * Sockets that share a port with SO_REUSEPORT share it with any other process of the same user that asks (and
     * port 0 may pick a port such sockets already share), so a second node on a taken port would quietly take half
     * of its connections: a plain bind finds out first whether the port is free, and which one port 0 means.
     */
    private static InetSocketAddress freeAddress(InetSocketAddress address) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(address, 1);
            return new InetSocketAddress(address.getAddress(), probe.getLocalPort());
        } catch (BindException e) {
            throw new BindException(address.getAddress().getHostAddress() + ":" + address.getPort() + ": "
                    + e.getMessage());
        }
    }

    private static ServerBootstrap perLoopBootstrap(Vertx vertx, EventLoop loop) {
        return new ServerBootstrap().group(loop, loop).channelFactory(VertxInternals.serverSocketFactory(vertx))
                .option(UnixChannelOption.SO_REUSEPORT, true);
    }

    private static Future<Channel> open(ServerBootstrap bootstrap, ChannelHandler acceptor,
                                        InetSocketAddress address) {
        Promise<Channel> bound = Promise.promise();
        // accepted sockets get TCP_NODELAY from Netty, which sets it on every socket it makes
        ChannelFuture binding = bootstrap.option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(acceptor)
                .bind(address);
        binding.addListener(done -> {
            if (done.isSuccess()) {
                bound.complete(binding.channel());
            } else {
                bound.fail(done.cause());
            }
        });
        return bound.future();
    }

    /**
     * Hands an accepted channel over once it is registered on its loop, and leaves its pipeline. A
     * ChannelInitializer does the same, and keeps a concurrent set of the channels it is initialising besides.
     */
    @ChannelHandler.Sharable
    private static final class Acceptor extends ChannelHandlerAdapter {
        private final BiConsumer<Channel, Context> accepted;
        private final Map<EventLoop, Context> contexts;

        Acceptor(BiConsumer<Channel, Context> accepted, Map<EventLoop, Context> contexts) {
            this.accepted = accepted;
            this.contexts = contexts;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline().remove(this);
            try {
                accepted.accept(ctx.channel(), contexts.get(ctx.channel().eventLoop()));
            } catch (RuntimeException e) { // a bug, not the client's doing: this connection goes, the node stays
                LOG.warn("accepting a connection failed", e);
                ctx.channel().close();
            }
        }
    }

    int port() {
        return ((InetSocketAddress) listening.get(0).localAddress()).getPort();
    }

    /** Stops accepting; connections already accepted go on. */
    Future<Void> close() {
        List<Future<Void>> closed = listening.stream().map(channel -> {
            Promise<Void> done = Promise.<Void>promise();
            channel.close().addListener(f -> done.complete());
            return done.future();
        }).toList();
        return Future.all(closed).mapEmpty();
    }
}
