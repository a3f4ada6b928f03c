package dev.gamma.relay;

import dev.gamma.pipeline.PacketPipeline;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
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
    /**
     * When a socket's queue stops the other side's reading, and when it lets it go on. One read brings up to
     * 64 KiB: with Netty's default high mark of 64 KiB, nearly every chunk a socket did not take at once paused and
     * resumed the other side (two epoll changes and a stall each), which cost bulk transfers a third of their
     * speed. A few chunks of room keep them flowing and still bound what a slow reader makes Gamma hold.
     */
    private static final WriteBufferWaterMark QUEUE_MARKS = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    /**
     * @param splice  raw bytes move with splice(2) where the transport allows it
     * @param stalled how long a side may make no progress before both are closed: silent after the other side
     *                finished sending (half-closed), or taking none of the bytes waiting for it
     */
    record Options(boolean splice, Duration stalled) {}

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

    Relay(Channel clientChannel, Channel backendChannel, SessionTraffic traffic, Options options) {
        this.traffic = traffic;
        this.client = new Leg(clientChannel, true);
        this.backend = new Leg(backendChannel, false);
        this.options = options;
        client.peer = backend;
        backend.peer = client;
    }

    /**
     * Takes both sockets over (the client's from its {@link ClientConnection}) and writes {@code replay} to the
     * backend first. Must run on the sockets' event loop, before either has read anything it did not hand over.
     * {@code pipeline} is null for bytes passed through from the start. {@code onClosed} runs once, when both sides
     * are closed, with "" or what went wrong.
     */
    void start(Buffer replay, PacketPipeline pipeline, Consumer<String> onClosed) {
        this.pipeline = pipeline;
        this.onClosed = onClosed;
        client.install();
        backend.install();
        client.channel.closeFuture().addListener(closed -> sideClosed(backend));
        backend.channel.closeFuture().addListener(closed -> sideClosed(client));
        backend.send(replay);
        if (pipeline == null) {
            passThrough();
        }
    }

    /** Ends the session: what is queued for the client is flushed first (a kick's Disconnect), then both close. */
    void close() {
        client.closeAfterWrites();
        backend.channel.close();
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
        spliced = options.splice() && Splice.start(client.channel, backend.channel);
    }

    /** A peer that never finishes its half of a half-closed session must not hold it open forever. */
    private void closeWhenSilent() {
        if (silenceCheck != null || spliced) { // spliced bytes are never seen, so silence could not be told
            return;
        }
        bytesAtLastCheck = progress();
        long millis = options.stalled().toMillis();
        silenceCheck = client.channel.eventLoop().scheduleAtFixedRate(this::closeIfSilent, millis, millis,
                TimeUnit.MILLISECONDS);
        client.channel.closeFuture().addListener(closed -> silenceCheck.cancel(false));
    }

    private long progress() {
        return traffic.fromClient() + traffic.fromBackend();
    }

    /**
     * Closes once nothing was read for a period and nothing waits to be written: bytes still queued for a reader
     * are its business (a reader that takes none is caught by the stall watch, one that takes them slowly is not
     * cut short).
     */
    private void closeIfSilent() {
        long bytes = progress();
        if (bytes == bytesAtLastCheck && client.writesPending() == 0 && backend.writesPending() == 0) {
            silenceCheck.cancel(false);
            closeBoth("half-closed and silent for " + options.stalled().toMillis() + " ms");
        }
        bytesAtLastCheck = bytes;
    }

    private void sideClosed(Leg other) {
        if (oneSideClosed) {
            onClosed.accept(problem);
            return;
        }
        oneSideClosed = true;
        other.closeAfterWrites(); // its close finishes the session
    }

    private void malformed(Leg from, RuntimeException e) {
        // Malformed framing from either side ends the session; it never reaches the other peer.
        LOG.debug("{} sent a malformed stream", from.side(), e);
        closeBoth(from.side() + " sent a malformed stream: " + e.getMessage());
    }

    /** Closes both sides now; the first reason given is the one the session ends with. */
    private void closeBoth(String why) {
        if (problem.isEmpty()) {
            problem = why;
        }
        client.channel.close();
        backend.channel.close();
    }

    /** "Connection reset by peer", not the native call's prefix. */
    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName()
                : message.substring(message.lastIndexOf(": ") + 1).strip();
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

        String side() {
            return isClient ? "client" : "backend";
        }

        /** Bytes read from this side. */
        void count(long bytes) {
            if (isClient) {
                traffic.addFromClient(bytes);
            } else {
                traffic.addFromBackend(bytes);
            }
        }

        void install() {
            channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
            channel.config().setWriteBufferWaterMark(QUEUE_MARKS);
            if (channel.pipeline().get(ClientConnection.HANDLER_NAME) != null) {
                channel.pipeline().replace(ClientConnection.HANDLER_NAME, HANDLER_NAME, this);
            } else {
                channel.pipeline().addLast(HANDLER_NAME, this);
            }
            channel.config().setAutoRead(true);
        }

        long writesPending() {
            ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
            return queued == null ? 0 : queued.totalPendingWriteBytes();
        }

        void closeAfterWrites() {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        void send(Buffer bytes) {
            write(((BufferInternal) bytes).getByteBuf());
        }

        /** Writes from this handler's place in the pipeline (the last), without a walk from the tail. */
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
            count(bytes.readableBytes());
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
                closeBoth(peer.side() + " took no bytes for " + options.stalled().toMillis() + " ms");
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
                    count(Splice.drain(channel, peer.ctx));
                }
                if (peer.channel.isWritable()) {
                    channel.config().setAutoRead(false);
                } else {
                    pause(); // the last bytes wait for the peer: the stall watch minds that it takes them
                }
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

        /** Nothing is left to read once the input ended, whoever asks (a finished splice turns reading back on). */
        @Override
        public void read(ChannelHandlerContext ctx) {
            if (!inputEnded) {
                ctx.read();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{} connection failed: {}", side(), cause.toString());
            if (problem.isEmpty()) {
                problem = side() + " connection failed: " + reason(cause);
            }
            ctx.close();
        }
    }
}
