package dev.gamma.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** splice(2) between two epoll sockets, through Netty's pipes, for raw relays. */
final class Splice {
    private static final Logger LOG = LoggerFactory.getLogger(Splice.class);
    private static final int DRAIN_CHUNK = 64 * 1024;

    private Splice() {}

    /** Starts splicing both ways; false (nothing changed) unless both are epoll sockets on one event loop. */
    static boolean start(Channel a, Channel b) {
        if (!(a instanceof AbstractEpollStreamChannel from) || !(b instanceof AbstractEpollStreamChannel to)
                || a.eventLoop() != b.eventLoop()) {
            return false;
        }
        from.spliceTo(to, Integer.MAX_VALUE).addListener(Splice::ended);
        to.spliceTo(from, Integer.MAX_VALUE).addListener(Splice::ended);
        return true;
    }

    /**
     * Netty shuts a spliced socket's input at the FIN after one splice of at most a pipe's worth, so what is still
     * queued in the socket is read here and written, after what was spliced, to {@code to}. Returns the bytes read.
     */
    static long drain(Channel spliced, ChannelHandlerContext to) {
        FileDescriptor fd = ((AbstractEpollStreamChannel) spliced).fd();
        long drained = 0;
        try {
            while (true) {
                ByteBuf chunk = to.alloc().directBuffer(DRAIN_CHUNK);
                ByteBuffer nio = chunk.internalNioBuffer(0, DRAIN_CHUNK);
                int read = fd.read(nio, nio.position(), nio.limit());
                if (read <= 0) {
                    chunk.release();
                    return drained;
                }
                chunk.writerIndex(read);
                drained += read;
                to.write(chunk, to.voidPromise());
            }
        } catch (IOException e) {
            LOG.debug("draining a spliced socket failed: {}", e.toString());
            return drained;
        }
    }

    private static void ended(io.netty.util.concurrent.Future<? super Void> future) {
        if (!future.isSuccess()) {
            LOG.debug("splice ended: {}", future.cause().toString());
        }
    }
}
