package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gamma.it.LogLines;
import dev.gamma.node.NettySettings;
import dev.gamma.vertx.VertxInternals;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.uring.IoUringSocketChannel;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A player's and a backend's socket on a node's io_uring loops read from the loop's ring; on loops without one (an
 * application's own Vert.x) they read as before, and Netty finds nothing wrong with either.
 */
class ReadRingTest {
    @BeforeEach
    void ioUring() {
        assumeTrue(Transport.IO_URING.available(), "io_uring is not available on this kernel");
        assumeTrue(ReadRing.config().isPresent(), "this kernel has no incremental buffer rings (Linux 6.12)");
    }

    @Test
    void aSocketOnANodesLoopsReadsFromTheRing() throws Exception {
        assertThat(readsThrough(NettySettings.withReadRing(Transport.IO_URING))).isTrue();
    }

    @Test
    void aSocketOnLoopsWithoutTheRingReadsAsBefore() throws Exception {
        assertThat(readsThrough(Transport.IO_URING)).isFalse();
    }

    @Test
    void otherTransportsAreLeftAsTheyAre() {
        assertThat(NettySettings.withReadRing(Transport.EPOLL)).isSameAs(Transport.EPOLL);
        assertThat(NettySettings.withReadRing(Transport.NIO)).isSameAs(Transport.NIO);
    }

    /**
     * Accepts a player's socket and connects its backend's as the relay does, reads a line on each, and answers
     * whether both read it from a ring (and fails if only one did).
     */
    private static boolean readsThrough(Transport transport) throws Exception {
        Vertx vertx = Vertx.builder().withTransport(transport).build();
        try (LogLines log = new LogLines();
             ServerSocket backendServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(VertxInternals.onIoUring(vertx)).isTrue();
            EventLoop loop = VertxInternals.eventLoopGroup(vertx).next();
            CompletableFuture<Channel> accepted = new CompletableFuture<>();
            CompletableFuture<String> playerSaid = new CompletableFuture<>();
            Channel listening = ReadRing.forAccepted(vertx, new ServerBootstrap().group(loop, loop)
                            .channelFactory(VertxInternals.serverSocketFactory(vertx))
                            .childHandler(reader(playerSaid, accepted)))
                    .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
            InetSocketAddress listeningAt = (InetSocketAddress) listening.localAddress();
            try (Socket player = new Socket(listeningAt.getAddress(), listeningAt.getPort())) {
                player.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
                assertThat(playerSaid.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
                Channel client = accepted.get();

                IoUringSocketChannel backend = new IoUringSocketChannel();
                ReadRing.asClient(backend, client);
                CompletableFuture<String> backendSaid = new CompletableFuture<>();
                backend.pipeline().addLast(reader(backendSaid, new CompletableFuture<>()));
                client.eventLoop().register(backend).sync();
                backend.connect(backendServer.getLocalSocketAddress()).sync();
                try (Socket server = backendServer.accept(); OutputStream out = server.getOutputStream()) {
                    out.write("welcome".getBytes(StandardCharsets.UTF_8));
                    assertThat(backendSaid.get(10, TimeUnit.SECONDS)).isEqualTo("welcome");
                }
                boolean ring = bufferRing(client) != null;
                assertThat(bufferRing(backend) != null).as("the backend reads as its client does").isEqualTo(ring);
                backend.close().sync();
                listening.close().sync();
                assertThat(log.withStackTraces()).isEmpty();
                return ring;
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Completes {@code said} with the first bytes its channel reads, and {@code channel} with the channel. */
    private static ChannelInboundHandlerAdapter reader(CompletableFuture<String> said,
                                                      CompletableFuture<Channel> channel) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                channel.complete(ctx.channel());
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf bytes = (ByteBuf) msg;
                said.complete(bytes.toString(StandardCharsets.UTF_8));
                bytes.release();
            }

            @Override
            public boolean isSharable() {
                return true;
            }
        };
    }

    /** Netty keeps the ring a socket reads from to itself; only reflection tells whether it found one. */
    private static Object bufferRing(Channel channel) throws ReflectiveOperationException {
        Field field = IoUringSocketChannel.class.getSuperclass().getDeclaredField("bufferRing");
        field.setAccessible(true);
        return field.get(channel);
    }
}
