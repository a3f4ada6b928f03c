package dev.gamma.bench.netserver;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;

/**
 * One direction of a bare relay: what this channel reads is written to its peer as read (no copy), flushed once
 * per read batch; a peer whose queue is over the high mark stops this side's reading until it drains (Gamma's
 * marks). Either side's close flushes and closes the other.
 */
final class BarePipe extends ChannelInboundHandlerAdapter {
    private static final WriteBufferWaterMark QUEUE_MARKS = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final Channel self;
    private final Channel peer;
    private boolean unflushed;

    private BarePipe(Channel self, Channel peer) {
        this.self = self;
        this.peer = peer;
    }

    /** Takes both channels over, the client's from its session handler; both on one event loop. */
    static void start(Channel client, Channel backend, String sessionHandler) {
        client.config().setWriteBufferWaterMark(QUEUE_MARKS);
        backend.config().setWriteBufferWaterMark(QUEUE_MARKS);
        client.pipeline().replace(sessionHandler, "pipe", new BarePipe(client, backend));
        backend.pipeline().addLast("pipe", new BarePipe(backend, client));
        client.config().setAutoRead(true);
        backend.config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        peer.write(msg, peer.voidPromise());
        unflushed = true;
        if (!peer.isWritable()) {
            self.config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            peer.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (self.isWritable()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
