package dev.gamma.vertx;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.transport.Transport;
import java.net.InetAddress;

/**
 * The one place Gamma reaches into {@code io.vertx.core.internal} (and Vert.x's own buffer class,
 * {@code io.vertx.core.buffer.impl.BufferImpl}), which Vert.x may change in any release. The
 * players' path needs what Vert.x's public API does not offer: the players' listener is bound with Netty on
 * Vert.x's own event loops (one SO_REUSEPORT socket per loop, so a connection is accepted and served on one thread,
 * with the loop's Vert.x context for timers and futures); a connection holds a bare Netty channel rather than a
 * Vert.x socket, so each of thousands costs little heap; and relayed bytes move between sockets as the ByteBufs
 * they were read into (or by splice), so buffers are wrapped and unwrapped without a copy.
 */
public final class VertxInternals {
    private VertxInternals() {}

    /** The Netty event loops Vert.x runs its event-loop contexts on. */
    public static EventLoopGroup eventLoopGroup(Vertx vertx) {
        return ((VertxInternal) vertx).nettyEventLoopGroup();
    }

    /** Listening sockets of the transport Vert.x's event loops run (io_uring, epoll or NIO). */
    public static ChannelFactory<? extends ServerChannel> serverSocketFactory(Vertx vertx) {
        return ((VertxInternal) vertx).transport().serverChannelFactory(false);
    }

    /** Whether {@code vertx}'s event loops run on Netty's io_uring. */
    public static boolean onIoUring(Vertx vertx) {
        return Transport.IO_URING.available()
                && ((VertxInternal) vertx).transport().getClass() == Transport.IO_URING.implementation().getClass();
    }

    /** A Vert.x event-loop context on {@code loop}, for the channels that loop serves. */
    public static Context eventLoopContext(Vertx vertx, EventLoop loop) {
        return ((VertxInternal) vertx).contextBuilder().withThreadingModel(ThreadingModel.EVENT_LOOP)
                .withEventLoop(loop).build();
    }

    /** Resolves a host name with Vert.x's asynchronous resolver (its configuration, its cache). */
    public static Future<InetAddress> resolve(Vertx vertx, String host) {
        return ((VertxInternal) vertx).nameResolver().resolve(host);
    }

    /** Runs {@code handler} now, on {@code context}'s thread (the caller's), with {@code context} as current. */
    public static <T> void emit(Context context, T value, Handler<T> handler) {
        ((ContextInternal) context).emit(value, handler);
    }

    /** A promise whose future calls its handlers on {@code context}, whichever thread completes it. */
    public static <T> Promise<T> promise(Context context) {
        return ((ContextInternal) context).promise();
    }

    /** The Netty event loop {@code context} runs on. */
    public static EventLoop eventLoop(Context context) {
        return ((ContextInternal) context).nettyEventLoop();
    }

    /** The bytes of {@code buffer}, shared, not copied. */
    public static ByteBuf byteBuf(Buffer buffer) {
        return ((BufferInternal) buffer).getByteBuf();
    }

    /**
     * The readable bytes of {@code buffer}, shared, as a view that holds a reference of its own to memory that is
     * counted: whoever takes it (a channel it is written to) releases it.
     */
    public static ByteBuf retainedByteBuf(Buffer buffer) {
        return ((BufferImpl) buffer).byteBuf().retainedSlice();
    }

    /** A buffer over {@code bytes} (from index 0), sharing them: valid only as long as they are. */
    public static Buffer wrap(ByteBuf bytes) {
        return BufferInternal.buffer(bytes);
    }
}
