package dev.gamma.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket of a {@link Relay}, as the handler at the front of its Netty pipeline: what is read from it goes to
 * its peer; it stops reading while its peer cannot take more, and passes a FIN on once the bytes before it are
 * written.
 */
final class RelayLeg extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class); // one logger for the relay, as operators configure it
    private static final String HANDLER_NAME = "gamma-relay";
    /**
     * When a socket's queue stops the other side's reading, and lets it go on. With Netty's default high mark of
     * 64 KiB, one read's worth, nearly every chunk a socket did not take at once paused and resumed the other side
     * (two epoll changes and a stall each): bulk transfers lost a third of their speed.
     */
    private static final WriteBufferWaterMark QUEUE_MARKS = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final Relay relay;
    private final Channel channel;
    private final boolean isClient;
    private RelayLeg peer;
    private ChannelHandlerContext ctx;
    private boolean unflushed;
    private boolean inputEnded;
    private boolean paused;
    /** A refused client let go: what it still sends is read and dropped. */
    private boolean discarding;
    /** Counts each time reading stops for the peer to drain, and each time it starts again: odd while stopped. */
    private long holds;
    private StallWatch stallWatch;

    RelayLeg(Relay relay, Channel channel, boolean isClient) {
        this.relay = relay;
        this.channel = channel;
        this.isClient = isClient;
    }

    void pairWith(RelayLeg peer) {
        this.peer = peer;
    }

    RelayLeg peer() {
        return peer;
    }

    Channel channel() {
        return channel;
    }

    boolean isClient() {
        return isClient;
    }

    String side() {
        return isClient ? "client" : "backend";
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

    /**
     * Closes once what is queued is written; true if that is to come. A spliced socket is off its event loop, so
     * nothing queued could wait for room: it closes now, and what its splice still holds in a pipe is dropped.
     */
    boolean closeAfterWrites() {
        if (discarding) {
            return false; // it closes when its client does, or on its timer
        }
        // nothing queued: what comes after the writes can happen now (an empty write to wait for would cost a trip
        // through the kernel of its own on io_uring, twice per login)
        if (writesPending() == 0 || !channel.isRegistered()) {
            channel.close();
            return false;
        }
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        return true;
    }

    boolean inputEnded() {
        return inputEnded;
    }

    long holds() {
        return holds;
    }

    /** The session is over: its stall watch, if any, no longer holds it. */
    void stopWatching() {
        if (stallWatch != null) {
            stallWatch.cancel();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Writes {@code bytes}, which may be a slice of a chunk being read: the write holds a reference of its own. */
    void send(Buffer bytes) {
        write(QueuedBytes.of(bytes));
    }

    /** Writes from this handler's place in the pipeline (the last), without a walk from the tail. */
    void write(ByteBuf bytes) {
        if (relay.reading()) {
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
        if (discarding) {
            bytes.release();
            return;
        }
        relay.read(this, bytes);
        if (!peer.channel.isWritable() && !discarding) { // a refused client is let go by now: it is read to its end
            pause();
        }
    }

    /**
     * Lets go of a client whose input is not read on (its packet was refused) without a reset overtaking what is
     * queued for it (the Disconnect saying why): the queue is written, then a FIN, and what the client still sends
     * is dropped until it closes, for {@code millis} at most. A socket closed with bytes unread sends a reset, and
     * some systems then drop what they had received before it.
     */
    void letGo(long millis) {
        discarding = true;
        channel.config().setAutoRead(true);
        channel.eventLoop().schedule((Runnable) channel::close, millis, TimeUnit.MILLISECONDS);
        shutdownOutputAfterWrites();
    }

    /** Stops reading until the peer drains; a peer that never does is caught by one timer per period. */
    private void pause() {
        channel.config().setAutoRead(false);
        if (!paused) {
            paused = true;
            holds++;
        }
        if (stallWatch == null) { // made on the first pause: most sessions never have one
            stallWatch = new StallWatch(relay, peer, () -> paused && channel.isActive(), () -> holds);
        }
        stallWatch.bytesWait();
    }

    /** The peer drained: progress, whether or not there is still input to read. */
    private void resume() {
        if (paused) {
            paused = false;
            holds++;
        }
        if (!inputEnded && !relay.splicing()) {
            channel.config().setAutoRead(true);
        }
    }

    /** Reads again after a splice that did not start, unless its peer still holds it back. */
    void resumeUnlessPaused() {
        if (!paused && !inputEnded) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        relay.readComplete();
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
            if (peer.channel.isWritable()) {
                channel.config().setAutoRead(false);
            } else {
                pause(); // the last bytes wait for the peer: the stall watch minds that it takes them
            }
            peer.shutdownOutputAfterWrites();
            relay.closeWhenSilent();
        } else if (event != ChannelInputShutdownReadComplete.INSTANCE) {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** The peer sent its last byte: pass the FIN on once everything before it is written. */
    private void shutdownOutputAfterWrites() {
        if (writesPending() == 0) { // as in closeAfterWrites
            writesDone(channel.unsafe().outboundBuffer() != null);
        } else {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER)
                    .addListener((ChannelFutureListener) written -> writesDone(written.isSuccess()));
        }
    }

    /** @param open whether this socket's output still takes bytes (it was not shut or closed meanwhile) */
    private void writesDone(boolean open) {
        if (peer.inputEnded && inputEnded) {
            channel.close();
            peer.channel.close();
        } else if (open && channel instanceof DuplexChannel duplex) {
            shutdownOutput(duplex);
            // the peer's input ended, so this FIN ends the session: Netty is to close this socket at once when its
            // input ends, not to shut that input first (a call that fails on a socket both ends finished, exception
            // and all); the relay closes the peer after its writes
            channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
        }
    }

    /**
     * Sends this socket's FIN. On the native transports that is the socket's own shutdown: Netty's
     * {@code shutdownOutput} makes an exception, stack trace and all, to fail the writes still queued, and none are
     * (it cost about 3 % of a login's CPU). Netty reads the socket's state from the socket, so it knows.
     */
    private void shutdownOutput(DuplexChannel duplex) {
        if (!(channel instanceof UnixChannel unix && unix.fd() instanceof Socket socket)) {
            duplex.shutdownOutput();
            return;
        }
        try {
            socket.shutdown(false, true);
        } catch (IOException e) { // the socket failed meanwhile: its read says so
            LOG.debug("{} connection: shutdown failed: {}", side(), e.toString());
        }
    }

    /** Nothing is left to read once the input ended, whoever asks. */
    @Override
    public void read(ChannelHandlerContext ctx) {
        if (!inputEnded) {
            ctx.read();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{} connection failed: {}", side(), cause.toString());
        relay.failed(this, Relay.reason(cause));
        ctx.close();
    }
}
