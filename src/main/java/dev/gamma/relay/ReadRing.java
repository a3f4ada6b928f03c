package dev.gamma.relay;

import dev.gamma.vertx.VertxInternals;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringAdaptiveBufferRingAllocator;
import io.netty.channel.uring.IoUringBufferRingConfig;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringSocketChannel;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * On io_uring, the players' and backends' sockets read into buffers the kernel takes from a ring that each event
 * loop shares (a provided-buffer ring). Without one, every read is two operations, each with its completion: a
 * poll that waits for bytes, then the receive into a buffer allocated once they are there (so an idle socket holds
 * none). With the ring, the receive is submitted at once and the kernel picks the buffer when bytes arrive: half
 * the submissions and completions of a login, and still no buffer held by an idle socket.
 *
 * <p>Only where the kernel consumes ring buffers incrementally (Linux 6.12 and later): it then packs one read after
 * another into a buffer, so a read of a few bytes holds a few bytes. Where it cannot, each read would take a whole
 * buffer, sized for the largest reads on the loop, and the sockets read as before.
 */
public final class ReadRing {
    private static final short GROUP = 1;

    private ReadRing() {}

    /** The ring for each io_uring event loop, or empty where io_uring or incremental consumption is missing. */
    public static Optional<IoUringBufferRingConfig> config() {
        if (!IoUring.isAvailable() || !IoUring.isRegisterBufferRingIncSupported()) {
            return Optional.empty();
        }
        // 32 buffers to start; the ring grows, up to 256, only when reads find it empty. Each buffer is 1 to
        // 64 KiB, sized by the loop's recent reads.
        return Optional.of(IoUringBufferRingConfig.builder().bufferGroupId(GROUP).bufferRingSize((short) 256)
                .batchSize(32).incremental(true).allocator(new IoUringAdaptiveBufferRingAllocator()).build());
    }

    /** Sockets accepted on {@code vertx}'s loops read from the ring, when those loops have it. */
    static ServerBootstrap forAccepted(Vertx vertx, ServerBootstrap bootstrap) {
        return VertxInternals.hasBufferRing(vertx, GROUP)
                ? bootstrap.childOption(IoUringChannelOption.IO_URING_BUFFER_GROUP_ID, GROUP) : bootstrap;
    }

    /**
     * A backend socket reads from the ring when its client's does (both are on one loop); set before it is
     * registered, as Netty looks the ring up then and fails the socket's reads on a loop without it.
     */
    static void asClient(Channel backend, Channel client) {
        if (backend instanceof IoUringSocketChannel && client instanceof IoUringSocketChannel
                && client.config().getOption(IoUringChannelOption.IO_URING_BUFFER_GROUP_ID) == GROUP) {
            backend.config().setOption(IoUringChannelOption.IO_URING_BUFFER_GROUP_ID, GROUP);
        }
    }
}
