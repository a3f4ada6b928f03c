package dev.gamma.pipeline;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.InBandPackets;
import dev.gamma.protocol.PacketKind;
import dev.gamma.protocol.PacketState;
import dev.gamma.protocol.PacketTable;
import dev.gamma.protocol.ProtocolException;
import dev.gamma.protocol.WireReader;
import dev.gamma.vertx.VertxInternals;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The framed relay of one connection, from just after Login Start: splits both streams into packets,
 * follows compression and the login → configuration → play states, runs the handlers, and writes what they
 * let through. Frames nobody changed are forwarded as slices of the bytes read, in runs, without copying.
 * When encryption starts it turns into a raw relay. Not thread-safe: use it from the connection's event loop.
 */
public final class PacketPipeline {
    private final ConnectionInfo connection;
    private final PacketTable table;
    private final HandlerChain chain;
    private final PacketSink sink;
    private final Side fromClient;
    private final Side fromBackend;
    private ConnectionState state = ConnectionState.LOGIN;
    private boolean encrypted;
    private boolean opaque; // bytes pass through unread from now on: encryption started, or a watched login is over
    private final ClientAnswers answers = new ClientAnswers();
    private boolean closing;
    private final LoginWatch watcher; // null unless the pipeline only watches a raw route's login

    /** {@code unfinished}: the node's count of what its clients' unfinished frames hold, and its limit. */
    public PacketPipeline(ConnectionInfo connection, List<NamedHandler> handlers, PacketSink sink,
            UnfinishedFrames unfinished) {
        this(connection, handlers, sink, false, ByteBufAllocator.DEFAULT, unfinished);
    }

    /**
     * A pipeline without handlers that reads only the login, to learn whether the backend starts encryption
     * (and to let a kick during login carry its reason), then passes bytes through unread. A stream it cannot
     * read, or a frame the node's clients may not hold, is passed through as it is, never refused.
     */
    public static PacketPipeline loginWatcher(ConnectionInfo connection, PacketSink sink,
            UnfinishedFrames unfinished) {
        return new PacketPipeline(connection, List.of(), sink, true, ByteBufAllocator.DEFAULT, unfinished);
    }

    /** {@code memory} holds the frames cut by a chunk's end. */
    PacketPipeline(ConnectionInfo connection, List<NamedHandler> handlers, PacketSink sink, boolean loginOnly,
            ByteBufAllocator memory, UnfinishedFrames unfinished) {
        this.connection = connection;
        this.table = PacketTable.forVersion(connection.protocolVersion());
        this.sink = sink;
        this.chain = new HandlerChain(handlers, this);
        this.fromClient = new Side(Direction.SERVERBOUND, sink::toBackend, memory, unfinished);
        this.fromBackend = new Side(Direction.CLIENTBOUND, sink::toClient, memory, null);
        this.watcher = loginOnly ? new LoginWatch(this) : null;
    }

    public void addHandler(NamedHandler handler) {
        chain.add(handler);
    }

    public ConnectionInfo connection() {
        return connection;
    }

    public ConnectionState state() {
        return state;
    }

    public boolean encrypted() {
        return encrypted;
    }

    /** True once bytes pass through unread (encryption started, or a watched login is over). */
    public boolean passingThrough() {
        return opaque;
    }

    /** Which client frame waits unfinished (numbered as they began), 0 if none or closing; a watcher holds none. */
    public long heldClientFrameNumber() {
        return watcher == null && !closing ? fromClient.unfinishedFrameNumber() : 0;
    }

    /** The client's unfinished frame took too long: it is given back now, and nothing more is read. */
    public void dropStalledClientFrame() {
        closing = true;
        fromClient.dropStalled();
    }

    /** Bytes the client sent, read during the call only; throws {@link ProtocolException} on invalid framing. */
    public void fromClient(Buffer chunk) {
        try {
            process(fromClient, chunk);
        } catch (UnfinishedFrames.Refused refused) {
            closing = true; // what follows is the rest of the refused frame, not frames
            throw refused;
        }
    }

    /** Bytes the backend sent. */
    public void fromBackend(Buffer chunk) {
        process(fromBackend, chunk);
    }

    /** Sends the client a Disconnect with the reason if the stream is readable; the caller closes in any case. */
    public boolean kick(String reason) {
        if (opaque || watcher != null && fromBackend.hasPending()) {
            return false; // a watcher forwarded part of a frame already: a packet now would land inside it
        }
        fromBackend.emitPacket(InBandPackets.disconnect(state.wire(), connection.protocolVersion(), reason));
        return true;
    }

    /** Shows the player a system chat line; false when the session is encrypted or not in play. */
    public boolean sendChat(String text) {
        if (opaque || state != ConnectionState.PLAY) {
            return false;
        }
        fromBackend.emitPacket(InBandPackets.systemChat(connection.protocolVersion(), text));
        return true;
    }

    /** The connection ended: gives back what was kept to read it, and tells the handlers. */
    public void closed() {
        closing = true; // nothing read after this is kept
        stopReading();
        chain.notifyClosed();
    }

    /**
     * Reads {@code chunk} where it lies (only a frame begun in an earlier chunk is copied, to finish it). Throws
     * {@link UnfinishedFrames.Refused} for a client's frame the node may not hold; the caller closes.
     */
    private void process(Side side, Buffer chunk) {
        if (closing) {
            return;
        }
        if (opaque || watcher != null) {
            side.emit(chunk); // a watcher is a tap, never a gate: forwarded the moment it is read, whatever it holds
            if (!opaque && !closing) {
                watcher.read(side, chunk);
            }
            return;
        }
        Buffer rest = chunk;
        if (side.hasPending()) {
            int taken = side.finishPending(chunk, frame -> readFrames(side, frame));
            if (taken < 0) {
                return;
            }
            rest = chunk.slice(taken, chunk.length());
        }
        if (closing) {
            return;
        } else if (opaque) {
            side.emit(rest); // the finished frame made the stream opaque
        } else {
            readFrames(side, rest);
        }
    }

    /** Reads {@code input}, which starts at a frame, and keeps what it ends with of an unfinished one. */
    private void readFrames(Side side, Buffer input) {
        ByteBuffer nio = VertxInternals.byteBuf(input).nioBuffer();
        int base = nio.position();
        int runStart = 0;
        while (!opaque) {
            int frameStart = nio.position() - base;
            ByteBuffer frameBody = Frames.next(nio, Frames.MAX_FRAME_LENGTH);
            if (frameBody == null) {
                break;
            }
            int frameEnd = nio.position() - base;
            runStart = handleFrame(side, input, side.uncompressed(frameBody), runStart, frameStart, frameEnd);
            if (closing) {
                return;
            }
        }
        side.emit(input.slice(runStart, opaque ? input.length() : nio.position() - base));
        if (!opaque && !closing) { // not kept once the connection closed, as it may under a write
            side.keep(input, nio.position() - base);
        }
    }

    /** Handles one frame; returns where the run of unchanged bytes not written yet now starts. */
    private int handleFrame(Side side, Buffer input, ByteBuffer body, int runStart, int frameStart, int frameEnd) {
        WireReader reader = new WireReader(body.duplicate());
        int id = reader.readVarInt();
        PacketKind kind = table.kind(state.wire(), side.direction.wire(), id);
        ByteBuffer payload = body.duplicate().position(body.position() + body.remaining() - reader.remaining()).slice();
        HandlerChain.Verdict verdict = chain.isEmpty() ? HandlerChain.Verdict.FORWARD : chain.run(new Packet(
                state, side.direction, id, payload.asReadOnlyBuffer(), kind == null ? null : kind.wireName()));
        String closeReason = chain.takeCloseReason();
        List<HandlerChain.Injection> injections = chain.isEmpty() ? List.of() : chain.injections();
        int nextRun = runStart;
        if (verdict != HandlerChain.Verdict.FORWARD || !injections.isEmpty() || closeReason != null) {
            side.emit(input.slice(runStart, frameStart));
            if (verdict == HandlerChain.Verdict.FORWARD) {
                side.emit(input.slice(frameStart, frameEnd));
            } else if (verdict == HandlerChain.Verdict.REPLACE) {
                side.emitPacket(id, chain.replacement());
            }
            nextRun = frameEnd;
        }
        if (kind != null && verdict != HandlerChain.Verdict.DROP && answers.counts(kind)) {
            nextRun = follow(kind, payload, side, input, nextRun, frameEnd);
        }
        chain.write(injections, opaque, fromBackend, fromClient); // framed as the packet at hand left the streams
        answers.injected(table, state, side == fromBackend && verdict != HandlerChain.Verdict.DROP ? kind : null,
                injections);
        if (closeReason != null) {
            closing = true;
            kick(closeReason);
            sink.close(closeReason);
        }
        return nextRun;
    }

    /** Applies what a state-changing packet means once it has been forwarded. */
    private int follow(PacketKind kind, ByteBuffer payload, Side side, Buffer input, int runStart, int frameEnd) {
        switch (kind) {
            case SET_COMPRESSION -> {
                int threshold = new WireReader(payload.duplicate()).readVarInt();
                side.emit(input.slice(runStart, frameEnd)); // the frame itself goes out uncompressed
                fromClient.compress(threshold);
                fromBackend.compress(threshold);
                return frameEnd;
            }
            case LOGIN_SUCCESS -> {
                if (table.id(PacketKind.LOGIN_ACKNOWLEDGED).isEmpty()) {
                    state = ConnectionState.PLAY;
                }
            }
            case LOGIN_ACKNOWLEDGED, ACKNOWLEDGE_CONFIGURATION -> state = ConnectionState.CONFIGURATION;
            case ACKNOWLEDGE_FINISH_CONFIGURATION -> state = ConnectionState.PLAY;
            case ENCRYPTION_RESPONSE -> {
                side.emit(input.slice(runStart, frameEnd));
                encrypt(side, input, frameEnd);
                return input.length();
            }
            default -> { }
        }
        return runStart;
    }

    /** Encryption starts after {@code from}: the rest is written as it is, and nothing more is read. */
    private void encrypt(Side side, Buffer input, int from) {
        opaque = true;
        encrypted = true;
        side.emit(input.slice(from, input.length()));
        (side == fromClient ? fromBackend : fromClient).flushPending();
        stopReading();
        chain.notifyEncrypted();
    }

    /** What a {@link LoginWatch} learned from a state-changing packet it saw go by. */
    void watched(PacketKind kind, ByteBuffer payload) {
        switch (kind) {
            case SET_COMPRESSION -> {
                int threshold = new WireReader(payload.duplicate()).readVarInt();
                fromClient.compress(threshold);
                fromBackend.compress(threshold);
            }
            case LOGIN_SUCCESS -> state = ConnectionState.PLAY;
            case LOGIN_ACKNOWLEDGED -> state = ConnectionState.CONFIGURATION;
            case ENCRYPTION_RESPONSE -> encrypted = true;
            default -> { }
        }
    }

    /** A watcher stops: what it kept to finish reading a frame was forwarded already, so it is dropped. */
    void stopWatching() {
        opaque = true;
        stopReading();
        if (encrypted) {
            chain.notifyEncrypted();
        }
    }

    /** Bytes pass through unread from now on: what is kept to read them (frames, zlib state) is given back. */
    private void stopReading() {
        fromClient.close();
        fromBackend.close();
    }

    PacketTable table() {
        return table;
    }

    PacketState packetState() {
        return state.wire();
    }
}
