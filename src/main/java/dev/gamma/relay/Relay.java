package dev.gamma.relay;

import dev.gamma.pipeline.PacketPipeline;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays a client and its backend both ways, on the event loop the two sockets share, from a handler at the
 * front of each socket's Netty pipeline. While a {@link PacketPipeline} reads the streams (framed routes, a raw
 * route's login) every chunk goes through it; once the pipeline passes bytes through unread, chunks are handed
 * to the other socket as they were read, without a copy, or spliced in the kernel when that is enabled.
 * <p>
 * A side whose peer cannot take more stops reading until the peer drains, so a slow reader never makes Gamma
 * buffer without bound; a peer that takes nothing at all for {@link Options#stalled()} ends the session (it holds
 * sockets and kernel buffers, and while the other side is not read, that side's close goes unseen). A FIN is
 * passed on after the bytes read before it (half-close); a side that closes has what was read from it flushed
 * to the other, which is then closed.
 */
final class Relay {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    private static final String HANDLER_NAME = "gamma-relay";
    private static final int DRAIN_CHUNK = 64 * 1024;
    /** The name Vert.x gives its own handler in every socket's pipeline. */
    private static final String VERTX_HANDLER_NAME = "handler";

    /**
     * @param splice  raw bytes move with splice(2) where the transport allows it
     * @param stalled how long a side may make no progress before both are closed: silent after the other side
     *                finished sending (half-closed), or taking none of the bytes waiting for it
     */
    record Options(boolean splice, Duration stalled) {}

    private final NetSocket clientSocket;
    private final NetSocket backendSocket;
    private final Leg client;
    private final Leg backend;
    private final SessionTraffic traffic;
    private final Options options;
    private PacketPipeline pipeline;
    private Consumer<String> onClosed;
    private boolean passThrough;
    private boolean spliced;
    private boolean reading;
    private boolean oneSideClosed;
    private String problem = "";
    private ScheduledFuture<?> silenceCheck;
    private long bytesAtLastCheck;

    Relay(NetSocket clientSocket, NetSocket backendSocket, SessionTraffic traffic, Options options) {
        this.clientSocket = clientSocket;
        this.backendSocket = backendSocket;
        this.traffic = traffic;
        this.client = new Leg(channel(clientSocket), true);
        this.backend = new Leg(channel(backendSocket), false);
        this.options = options;
        client.peer = backend;
        backend.peer = client;
    }

    /**
     * Starts relaying; must run on the sockets' event loop, before either has read anything it did not hand
     * over. {@code pipeline} is null for bytes passed through from the start. {@code onClosed} runs once, when
     * both sides are closed, with "" or what went wrong.
     */
    void start(PacketPipeline pipeline, Consumer<String> onClosed) {
        this.pipeline = pipeline;
        this.onClosed = onClosed;
        clientSocket.closeHandler(v -> sideClosed(backendSocket));
        backendSocket.closeHandler(v -> sideClosed(clientSocket));
        client.install();
        backend.install();
        if (pipeline == null) {
            passThrough();
        }
    }

    /** Writes bytes the pipeline produced for the client. */
    void toClient(Buffer bytes) {
        client.send(bytes);
    }

    /** Writes bytes the pipeline produced for the backend. */
    void toBackend(Buffer bytes) {
        backend.send(bytes);
    }

    private void passThrough() {
        passThrough = true;
        if (options.splice() && client.channel instanceof AbstractEpollStreamChannel c
                && backend.channel instanceof AbstractEpollStreamChannel b && c.eventLoop() == b.eventLoop()) {
            c.spliceTo(b, Integer.MAX_VALUE).addListener(Relay::spliceEnded);
            b.spliceTo(c, Integer.MAX_VALUE).addListener(Relay::spliceEnded);
            spliced = true;
        }
    }

    private static void spliceEnded(io.netty.util.concurrent.Future<? super Void> future) {
        if (!future.isSuccess()) {
            LOG.debug("splice ended: {}", future.cause().toString());
        }
    }

    /** A peer that never finishes its half of a half-closed session must not hold it open forever. */
    private void closeWhenSilent() {
        if (silenceCheck != null) {
            return;
        }
        bytesAtLastCheck = traffic.fromClient() + traffic.fromBackend();
        long millis = options.stalled().toMillis();
        silenceCheck = client.channel.eventLoop().scheduleAtFixedRate(this::closeIfSilent, millis, millis,
                TimeUnit.MILLISECONDS);
        client.channel.closeFuture().addListener(closed -> silenceCheck.cancel(false));
    }

    private void closeIfSilent() {
        long bytes = traffic.fromClient() + traffic.fromBackend();
        if (bytes == bytesAtLastCheck) {
            silenceCheck.cancel(false);
            problem = "half-closed and silent for " + options.stalled().toMillis() + " ms";
            client.channel.close();
            backend.channel.close();
        }
        bytesAtLastCheck = bytes;
    }

    private void sideClosed(NetSocket other) {
        if (oneSideClosed) {
            onClosed.accept(problem);
            return;
        }
        oneSideClosed = true;
        other.end(); // flushes what is queued, then closes; its close handler finishes the session
    }

    private void malformed(Leg from, RuntimeException e) {
        // Malformed framing from either side ends the session; it never reaches the other peer.
        problem = (from == client ? "client" : "backend") + " sent a malformed stream: " + e.getMessage();
        LOG.debug(problem, e);
        clientSocket.close();
        backendSocket.close();
    }

    /** "Connection reset by peer", not the native call's prefix. */
    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName()
                : message.substring(message.lastIndexOf(": ") + 1).strip();
    }

    private static Channel channel(NetSocket socket) {
        return ((NetSocketInternal) socket).channelHandlerContext().channel();
    }

    /** One socket of the session: reads from it go to its peer. */
    private final class Leg extends ChannelDuplexHandler {
        final Channel channel;
        final boolean isClient;
        Leg peer;
        ChannelHandlerContext ctx;
        boolean unflushed;
        boolean inputEnded;
        boolean paused;
        long resumes;
        ScheduledFuture<?> stallCheck;

        Leg(Channel channel, boolean isClient) {
            this.channel = channel;
            this.isClient = isClient;
        }

        void install() {
            channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
            channel.pipeline().addBefore(VERTX_HANDLER_NAME, HANDLER_NAME, this);
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        void send(Buffer bytes) {
            write(((BufferInternal) bytes).getByteBuf());
        }

        /** Writes from this handler's place in the pipeline, so Vert.x's handler is not crossed. */
        void write(ByteBuf bytes) {
            if (reading) {
                ctx.write(bytes, ctx.voidPromise());
                unflushed = true;
            } else {
                ctx.writeAndFlush(bytes, ctx.voidPromise());
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf bytes)) {
                ctx.fireChannelRead(msg);
                return;
            }
            reading = true;
            if (isClient) {
                traffic.addFromClient(bytes.readableBytes());
            } else {
                traffic.addFromBackend(bytes.readableBytes());
            }
            if (passThrough) {
                peer.write(bytes);
            } else {
                throughPipeline(BufferInternal.safeBuffer(bytes));
            }
            if (!peer.channel.isWritable()) {
                pause();
            }
        }

        /** Stops reading until the peer drains; a peer that never does is caught by one timer per period. */
        private void pause() {
            channel.config().setAutoRead(false);
            paused = true;
            if (stallCheck == null) {
                watchStall(resumes);
            }
        }

        /** The peer drained: progress, whether or not there is still input to read. */
        private void resume() {
            paused = false;
            resumes++;
            if (!inputEnded) {
                channel.config().setAutoRead(true);
            }
        }

        private void watchStall(long resumesSeen) {
            stallCheck = channel.eventLoop().schedule(() -> {
                stallCheck = null;
                if (!paused || !channel.isActive()) {
                    return;
                }
                if (resumes != resumesSeen) {
                    watchStall(resumes);
                    return;
                }
                if (problem.isEmpty()) {
                    problem = (peer.isClient ? "client" : "backend") + " took no bytes for "
                            + options.stalled().toMillis() + " ms";
                }
                channel.close();
                peer.channel.close();
            }, options.stalled().toMillis(), TimeUnit.MILLISECONDS);
        }

        private void throughPipeline(Buffer chunk) {
            try {
                if (isClient) {
                    pipeline.fromClient(chunk);
                } else {
                    pipeline.fromBackend(chunk);
                }
            } catch (RuntimeException e) {
                malformed(this, e);
                return;
            }
            if (pipeline.passingThrough() && !passThrough) {
                passThrough();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            reading = false;
            client.flushIfNeeded();
            backend.flushIfNeeded();
        }

        void flushIfNeeded() {
            if (unflushed) {
                unflushed = false;
                ctx.flush();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (channel.isWritable()) {
                peer.resume();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == ChannelInputShutdownEvent.INSTANCE) {
                inputEnded = true;
                if (spliced) {
                    drainAfterSplice();
                }
                channel.config().setAutoRead(false);
                peer.shutdownOutputAfterWrites();
                closeWhenSilent();
            } else if (event != ChannelInputShutdownReadComplete.INSTANCE) {
                ctx.fireUserEventTriggered(event);
            }
        }

        /** The peer sent its last byte: pass the FIN on once everything before it is written. */
        void shutdownOutputAfterWrites() {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written -> {
                if (peer.inputEnded && inputEnded) {
                    channel.close();
                    peer.channel.close();
                } else if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                    duplex.shutdownOutput();
                }
            });
        }


        /**
         * Netty shuts a spliced socket's input at the FIN after one splice of at most a pipe's worth, so what is
         * still queued in the socket is read here, after what was spliced, before the FIN is passed on.
         */
        private void drainAfterSplice() {
            FileDescriptor fd = ((AbstractEpollStreamChannel) channel).fd();
            try {
                while (true) {
                    ByteBuf chunk = ctx.alloc().directBuffer(DRAIN_CHUNK);
                    ByteBuffer nio = chunk.internalNioBuffer(0, DRAIN_CHUNK);
                    int read = fd.read(nio, nio.position(), nio.limit());
                    if (read <= 0) {
                        chunk.release();
                        return;
                    }
                    chunk.writerIndex(read);
                    if (isClient) {
                        traffic.addFromClient(read);
                    } else {
                        traffic.addFromBackend(read);
                    }
                    peer.ctx.write(chunk, peer.ctx.voidPromise());
                }
            } catch (IOException e) {
                LOG.debug("draining a spliced socket failed: {}", e.toString());
            }
        }

        /** Nothing is left to read once the input ended, whoever asks (a finished splice turns reading back on). */
        @Override
        public void read(ChannelHandlerContext ctx) {
            if (!inputEnded) {
                ctx.read();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{} connection failed: {}", isClient ? "client" : "backend", cause.toString());
            if (problem.isEmpty()) {
                problem = (isClient ? "client" : "backend") + " connection failed: " + reason(cause);
            }
            ctx.close();
        }
    }
}
