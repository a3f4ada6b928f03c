package dev.gamma.relay;

import dev.gamma.pipeline.PacketPipeline;
import dev.gamma.pipeline.UnfinishedFrames;
import dev.gamma.vertx.VertxInternals;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays a client and its backend both ways, on the event loop the two sockets share, from a handler at the
 * front of each socket's Netty pipeline (a {@link RelayLeg}). While a {@link PacketPipeline} reads the streams
 * (framed routes, a raw route's login) every chunk goes through it; once the pipeline passes bytes through unread,
 * chunks are handed to the other socket as they were read, without a copy, or spliced in the kernel when that is
 * enabled.
 * <p>
 * A side whose peer cannot take more stops reading until the peer drains, so a slow reader never makes Gamma
 * buffer without bound; a peer that takes nothing at all for {@link Options#stalled()} ends the session (it holds
 * sockets and kernel buffers, and while the other side is not read, that side's close goes unseen). A FIN is
 * passed on after the bytes read before it (half-close); a side that closes has what was read from it flushed
 * to the other, which is then closed.
 */
final class Relay {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    /** How long a refused client's input is read and dropped, so that its Disconnect is not lost to a reset. */
    private static final long LET_GO_MILLIS = 2_000;
    /** What a player whose packet stayed unfinished a whole stall period reads. */
    private static final String STALLED_PACKET_MESSAGE = "Your connection stalled in the middle of a packet.";

    /**
     * @param splice  raw bytes move with splice(2) where the transport allows it
     * @param stalled how long a side may make no progress before both are closed: silent after the other side
     *                finished sending (half-closed), or taking none of the bytes waiting for it
     */
    record Options(boolean splice, Duration stalled) {}

    /** What the session hears from its relay, on the sockets' event loop. */
    interface Listener {
        /** From now on bytes pass through unread: a raw route, a watched login that is over, or encryption. */
        void passingThrough();

        /** Both sides are closed; runs once. */
        void closed();
    }

    private final RelayLeg client;
    private final RelayLeg backend;
    private final SessionTraffic traffic;
    private final Options options;
    private final SessionEnd ending;
    private PacketPipeline pipeline;
    private Listener listener;
    private boolean passThrough;
    private Splice splice;
    private boolean reading;
    private boolean oneSideClosed;
    /** {@link #close()} ended the session. */
    private boolean closing;
    private SilenceWatch silence;
    private UnfinishedPacketWatch unfinishedPacket;
    private final QueueBound queueBound = new QueueBound(this::closeBoth);

    /** What goes wrong in the relay is given to {@code ending} as the reason the session ends. */
    Relay(Channel clientChannel, Channel backendChannel, SessionTraffic traffic, Options options, SessionEnd ending) {
        this.traffic = traffic;
        this.options = options;
        this.ending = ending;
        this.client = new RelayLeg(this, clientChannel, true);
        this.backend = new RelayLeg(this, backendChannel, false);
        client.pairWith(backend);
        backend.pairWith(client);
    }

    /**
     * Takes both sockets over (the client's from its {@link ClientConnection}) and writes {@code replay} to the
     * backend first. Must run on the sockets' event loop, before either has read anything it did not hand over.
     * {@code pipeline} is null for bytes passed through from the start.
     */
    void start(Buffer replay, PacketPipeline pipeline, Listener listener) {
        this.pipeline = pipeline;
        this.listener = listener;
        client.install();
        backend.install();
        client.channel().closeFuture().addListener(closed -> sideClosed(backend));
        backend.channel().closeFuture().addListener(closed -> sideClosed(client));
        backend.send(replay);
        if (pipeline == null) {
            passThrough();
        }
    }

    /** Ends the session: what is queued for the client is flushed first (a kick's Disconnect), then both close. */
    void close() {
        closing = true;
        closeAfterWrites(client);
        backend.channel().close();
    }

    /** Writes bytes the pipeline produced for the client. */
    void toClient(Buffer bytes) {
        send(client, bytes);
    }

    /** Writes bytes the pipeline produced for the backend. */
    void toBackend(Buffer bytes) {
        send(backend, bytes);
    }

    private void send(RelayLeg to, Buffer bytes) {
        if (queueBound.admits(to, bytes.length())) {
            to.send(bytes);
        }
    }

    /** True once the queue bound ended the session: what the pipeline writes from then on is dropped. */
    boolean dropsWrites() {
        return queueBound.exceeded();
    }

    Duration stalled() {
        return options.stalled();
    }

    /** Bytes move by splice(2), or are about to: Netty reads neither socket. */
    boolean splicing() {
        return splice != null;
    }

    /** True while a chunk is being handled: writes are flushed once the read is complete. */
    boolean reading() {
        return reading;
    }

    /** A chunk read from {@code from}, on its way to the other side. */
    void read(RelayLeg from, ByteBuf bytes) {
        reading = true;
        count(from, bytes.readableBytes());
        if (passThrough) {
            from.peer().write(bytes);
            return;
        }
        Buffer chunk = VertxInternals.wrap(bytes.slice()); // read where it lies: what is written holds its own reference
        try {
            if (from.isClient()) {
                pipeline.fromClient(chunk);
                if (pipeline.heldClientFrameNumber() != 0) {
                    watchUnfinishedPacket();
                }
            } else {
                pipeline.fromBackend(chunk);
            }
        } catch (UnfinishedFrames.Refused full) { // only a client's frames are counted
            refuseClient("client's unfinished packet refused: " + full.getMessage(), UnfinishedFrames.PLAYER_MESSAGE);
            return;
        } catch (RuntimeException e) {
            // Malformed framing from either side ends the session; it never reaches the other peer.
            LOG.debug("{} sent a malformed stream", from.side(), e);
            closeBoth(from.side() + " sent a malformed stream: " + e.getMessage());
            return;
        } finally {
            bytes.release();
        }
        if (pipeline.passingThrough() && !passThrough) {
            passThrough();
        }
    }

    private void watchUnfinishedPacket() {
        if (unfinishedPacket == null) { // made for the first packet a chunk leaves unfinished: most sessions have none
            unfinishedPacket = new UnfinishedPacketWatch(client.channel().eventLoop(), options.stalled(),
                    pipeline::heldClientFrameNumber, client::holds, this::packetStalled);
            if (oneSideClosed) {
                unfinishedPacket.stop();
            }
        }
        unfinishedPacket.packetHeld();
    }

    private void packetStalled(String why) {
        pipeline.dropStalledClientFrame();
        refuseClient(why, STALLED_PACKET_MESSAGE);
    }

    /**
     * Ends the session over a packet the client has not finished: it gets a Disconnect saying why, which a reset
     * must not overtake, so its further bytes are read and dropped a while (see {@link RelayLeg#letGo}).
     */
    private void refuseClient(String why, String playerMessage) {
        ending.offer(Outcome.ROUTED, why);
        pipeline.kick(playerMessage);
        client.letGo(LET_GO_MILLIS);
        backend.channel().close();
    }

    void readComplete() {
        reading = false;
        client.flushIfNeeded();
        backend.flushIfNeeded();
    }

    void count(RelayLeg from, long bytes) {
        if (from.isClient()) {
            traffic.addFromClient(bytes);
        } else {
            traffic.addFromBackend(bytes);
        }
    }

    /** Closes both sides now; the first reason the session is given is the one it ends with. */
    void closeBoth(String why) {
        ending.offer(Outcome.ROUTED, why);
        client.channel().close();
        backend.channel().close();
    }

    /** "Connection reset by peer", not the native call's prefix. */
    static String reason(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName()
                : message.substring(message.lastIndexOf(": ") + 1).strip();
    }

    /** A side's socket failed; it is being closed. */
    void failed(RelayLeg side, String why) {
        ending.offer(Outcome.ROUTED, side.side() + " connection failed: " + why);
    }

    private void passThrough() {
        passThrough = true;
        if (options.splice() && Splice.possible(client.channel(), backend.channel())) {
            splice = Splice.start(this, client, backend);
        }
        listener.passingThrough();
    }

    /** The sockets were not both quiet when the splice would have begun: the relay copies, reading again. */
    void spliceAbandoned() {
        splice = null;
        client.resumeUnlessPaused();
        backend.resumeUnlessPaused();
    }

    /** A peer that never finishes its half of a half-closed session must not hold it open forever. */
    void closeWhenSilent() {
        if (silence == null) {
            silence = new SilenceWatch(client.channel().eventLoop(), options.stalled(),
                    () -> traffic.fromClient() + traffic.fromBackend(), this::bytesTaken, this::owed, this::closeBoth);
            client.channel().closeFuture().addListener(closed -> silence.stop());
        }
    }

    private long bytesTaken() {
        return SilenceWatch.bytesTaken(client.channel()) + SilenceWatch.bytesTaken(backend.channel())
                + (splice == null ? 0 : splice.written());
    }

    private String owed() {
        if (client.writesPending() > 0) {
            return client.side();
        }
        if (backend.writesPending() > 0) {
            return backend.side();
        }
        return splice == null ? null : splice.owed();
    }

    /**
     * Closes {@code leg} once what is queued for it is written, or a stall period from now if it is not by then: a
     * reader that takes its last bytes slowly, or none, must not hold its socket and them once the session is over.
     */
    private void closeAfterWrites(RelayLeg leg) {
        if (leg.closeAfterWrites()) {
            long millis = options.stalled().toMillis();
            CloseDeadline.unlessClosedWithin(leg.channel(), millis, () -> closeBoth(leg.side()
                    + " did not take its last bytes within " + millis + " ms of the session's end"));
        }
    }

    private void sideClosed(RelayLeg other) {
        if (unfinishedPacket != null) {
            unfinishedPacket.stop();
        }
        if (oneSideClosed) {
            client.stopWatching();
            backend.stopWatching();
            listener.closed();
            return;
        }
        oneSideClosed = true;
        if (!closing) { // a close() has seen to the client's already
            closeAfterWrites(other); // its close finishes the session
        }
    }
}
