package dev.gamma.relay;

import dev.gamma.vertx.VertxInternals;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's connection until it relays: the accepted Netty channel, whose reads and close reach the session in
 * its event loop's Vert.x context. The relay takes the channel over by replacing this handler.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
    static final String HANDLER_NAME = "gamma-client";
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    /** How long a peer has to take its last answer (a status of up to 256 KiB, a refusal) once the session is over. */
    static final long LAST_WRITE_MILLIS = 5_000;

    private final Channel channel;
    private final Context context;
    private Handler<Buffer> onBytes = chunk -> {};
    private Handler<Void> onClosed = v -> {};

    ClientConnection(Channel channel, Context context) {
        this.channel = channel;
        this.context = context;
        channel.pipeline().addLast(HANDLER_NAME, this);
    }

    /** What to do with each chunk read (valid only during the call) and when the connection closes. */
    void listen(Handler<Buffer> onBytes, Handler<Void> onClosed) {
        this.onBytes = onBytes;
        this.onClosed = onClosed;
    }

    Channel channel() {
        return channel;
    }

    Context context() {
        return context;
    }

    /** The peer's IP literal, as logged and rate-limited. */
    String peerAddress() {
        SocketAddress remote = channel.remoteAddress();
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : "unknown";
    }

    /** The peer's address and the address it connected to. */
    Replay.Addresses addresses() {
        return new Replay.Addresses((InetSocketAddress) channel.remoteAddress(),
                (InetSocketAddress) channel.localAddress());
    }

    void write(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
    }

    /**
     * Writes the last bytes and closes once they are flushed, or {@link #LAST_WRITE_MILLIS} from now if the peer has
     * not taken them by then: the session is over, and nothing else would close a peer that reads nothing.
     */
    void end(byte[] bytes) {
        ChannelFuture written = channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        written.addListener(ChannelFutureListener.CLOSE);
        if (!written.isDone()) {
            CloseDeadline.unlessClosedWithin(channel, LAST_WRITE_MILLIS, channel::close);
        }
    }

    void close() {
        channel.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            // a slice: a Buffer reads from index 0, and bytes after a PROXY header start further in
            VertxInternals.emit(context, VertxInternals.wrap(bytes.slice()), onBytes);
        } finally {
            bytes.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        VertxInternals.emit(context, null, onClosed);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client connection failed: {}", cause.toString());
        ctx.close();
    }
}
