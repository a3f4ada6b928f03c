package dev.gamma.bench.netserver;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.ProtocolException;
import dev.gamma.route.Hostnames;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link RelaySession} on a bare Netty channel: the greeting under a deadline, the hostname looked up, the backend
 * connected on the client's event loop, the bytes replayed, then {@link BarePipe} both ways.
 */
final class BareSession extends ChannelInboundHandlerAdapter {
    static final String HANDLER_NAME = "session";

    private static final ChannelInitializer<Channel> NO_HANDLER = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel channel) {}
    };

    private final Channel client;
    private final Map<String, InetSocketAddress> routes;
    private final GreetingBuffer greeting = new GreetingBuffer();
    private ScheduledFuture<?> deadline;
    private boolean connecting;

    BareSession(Channel client, Map<String, InetSocketAddress> routes) {
        this.client = client;
        this.routes = routes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = client.eventLoop().schedule(() -> client.close(), GreetingBuffer.DEADLINE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf chunk = (ByteBuf) msg;
        Handshake handshake;
        try {
            if (!greeting.append(chunk.readableBytes(),
                    (target, offset) -> chunk.getBytes(chunk.readerIndex(), target, offset, chunk.readableBytes()))) {
                throw new ProtocolException("greeting too long");
            }
            // bytes read while the backend connects are replayed with the greeting
            handshake = connecting ? null : greeting.read();
        } catch (ProtocolException malformed) {
            client.close();
            return;
        } finally {
            chunk.release();
        }
        if (handshake == null) {
            return;
        }
        InetSocketAddress backend = routes.get(Hostnames.normalize(handshake.address()));
        if (backend == null || handshake.isStatus()) {
            client.close();
            return;
        }
        connecting = true;
        deadline.cancel(false);
        client.config().setAutoRead(false);
        // the client's transport, as Gamma's BackendConnector
        Class<? extends Channel> transport = client instanceof IoUringSocketChannel ? IoUringSocketChannel.class
                : EpollSocketChannel.class;
        new Bootstrap().group(client.eventLoop()).channel(transport)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, GreetingBuffer.CONNECT_MILLIS)
                .handler(NO_HANDLER)
                .connect(backend)
                .addListener(connected -> {
                    Channel channel = ((ChannelFuture) connected).channel();
                    if (!connected.isSuccess()) {
                        client.close();
                    } else if (!client.isActive()) {
                        channel.close();
                    } else {
                        channel.writeAndFlush(Unpooled.wrappedBuffer(greeting.takeAll()), channel.voidPromise());
                        BarePipe.start(client, channel, HANDLER_NAME);
                    }
                });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deadline.cancel(false);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
