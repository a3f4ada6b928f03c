package dev.gamma.pipeline;

import dev.gamma.protocol.Compression;
import dev.gamma.protocol.Frames;
import dev.gamma.protocol.WireWriter;
import dev.gamma.vertx.VertxInternals;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;

/**
 * One direction of a framed connection: the bytes of a frame not complete yet, the zlib state once Set
 * Compression was seen, and where frames read on this side are written to. The unfinished frame is kept in pooled
 * direct memory, from which it is written as it is once whole, and given back when it is read, dropped or the
 * side closes. On the client's side, what it holds past a connection's free share counts against the node's
 * {@link UnfinishedFrames}.
 */
final class Side {
    final Direction direction;
    private final Consumer<Buffer> out;
    private final ByteBufAllocator memory;
    /** Null where nothing is counted (the backend's side). */
    private final UnfinishedFrames counter;
    private ByteBuf pending;
    /** Bytes of {@code pending} counted in {@link #counter}. */
    private int counted;
    /** How many frames this side began and left unfinished at a chunk's end: which one {@code pending} is. */
    private long framesKept;
    private Compression compression;

    Side(Direction direction, Consumer<Buffer> out, ByteBufAllocator memory, UnfinishedFrames counter) {
        this.memory = memory;
        this.direction = direction;
        this.out = out;
        this.counter = counter;
    }

    /**
     * Finishes the frame begun in earlier chunks with the bytes of {@code chunk} it lacks (copied) and has
     * {@code reader} read it, whole; returns how many bytes of the chunk that took, the rest being left to be read
     * where it is. Returns -1 when {@code chunk} does not finish it either, and is kept with it (or throws
     * {@link UnfinishedFrames.Refused}, keeping nothing). A header that is no valid length is finished only so far
     * that reading it refuses it.
     */
    int finishPending(Buffer chunk, Consumer<Buffer> reader) {
        int lacking = lacking(chunk);
        ByteBuf bytes = VertxInternals.byteBuf(chunk);
        if (lacking > chunk.length()) {
            pending.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
            count();
            return -1;
        }
        ByteBuf frame = pending;
        uncount();
        pending = null;
        try {
            frame.writeBytes(bytes, bytes.readerIndex(), lacking);
            reader.accept(VertxInternals.wrap(frame));
        } finally {
            frame.release(); // what was written of it holds references of its own
        }
        return lacking;
    }

    /** How many bytes of {@code chunk} the pending frame lacks, its header counted; above its length if it lacks more. */
    private int lacking(Buffer chunk) {
        int kept = pending.readableBytes();
        int size = frameSize(i -> i < kept ? pending.getByte(i) : chunk.getByte(i - kept), kept + chunk.length());
        return size < 0 ? chunk.length() + 1 : Math.max(0, size - kept);
    }

    /**
     * Keeps the unread tail (less than one frame) for the next chunk; copied, so the chunk can be freed. Throws
     * {@link UnfinishedFrames.Refused}, keeping nothing, when the node's clients may not hold it.
     */
    void keep(Buffer input, int from) {
        if (from < input.length()) {
            int length = input.length() - from;
            ByteBuf bytes = VertxInternals.byteBuf(input);
            int size = frameSize(i -> input.getByte(from + i), length);
            pending = memory.directBuffer(length, size < 0 ? Frames.MAX_LENGTH_BYTES + Frames.MAX_FRAME_LENGTH : size)
                    .writeBytes(bytes, bytes.readerIndex() + from, length);
            framesKept++;
            count();
        }
    }

    /** Counts what the unfinished frame grew to past the free share; one the node may not hold is dropped. */
    private void count() {
        int over = counter == null ? 0 : pending.capacity() - UnfinishedFrames.FREE_BYTES;
        if (over > counted) {
            try {
                counter.take(over - counted);
            } catch (UnfinishedFrames.Refused refused) {
                dropPending();
                throw refused;
            }
            counted = over;
        }
    }

    private void uncount() {
        if (counted > 0) {
            counter.giveBack(counted);
            counted = 0;
        }
    }

    /**
     * The whole size of the frame whose header begins at {@code byteAt(0)}, header counted, of the {@code available}
     * bytes there; -1 while its header is not all there. A header that is no valid length counts as the frame, so
     * that reading it refuses it: an empty frame ends at its header, one too long at its third byte.
     */
    private static int frameSize(IntUnaryOperator byteAt, int available) {
        int length = 0;
        for (int i = 0; i < Frames.MAX_LENGTH_BYTES; i++) {
            if (i >= available) {
                return -1;
            }
            int b = byteAt.applyAsInt(i) & 0xFF;
            length |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return i + 1 + length;
            }
        }
        return Frames.MAX_LENGTH_BYTES;
    }

    boolean compressed() {
        return compression != null;
    }

    boolean hasPending() {
        return pending != null;
    }

    /** Which frame is unfinished now, numbered from 1 as they were begun; 0 when none is. */
    long unfinishedFrameNumber() {
        return pending == null ? 0 : framesKept;
    }

    /** Writes out whatever was kept, as it came, for a switch to raw relay. */
    void flushPending() {
        if (pending != null) {
            emit(VertxInternals.wrap(pending));
            dropPending();
        }
    }

    /** The client's unfinished frame stayed so too long: counted as such, and forgotten. */
    void dropStalled() {
        if (pending != null) {
            counter.countStalled();
            dropPending();
        }
    }

    /** Forgets whatever was kept (a watcher forwarded it already). */
    void dropPending() {
        if (pending != null) {
            uncount();
            pending.release();
            pending = null;
        }
    }

    void emit(Buffer bytes) {
        if (bytes.length() > 0) {
            out.accept(bytes);
        }
    }

    /** Writes a packet body (id + payload) out of this side as a frame, compressed as the stream is. */
    void emitPacket(byte[] body) {
        out.accept(Buffer.buffer(compression == null ? Frames.frame(body) : compression.frame(body)));
    }

    /** Writes a packet, its id and a copy of {@code payload}, out of this side as a frame. */
    void emitPacket(int id, ByteBuffer payload) {
        ByteBuffer copy = payload.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        emitPacket(new WireWriter().writeVarInt(id).writeBytes(bytes).toByteArray());
    }

    /** The uncompressed packet body of a frame body read on this side. */
    ByteBuffer uncompressed(ByteBuffer frameBody) {
        return compression == null ? frameBody : compression.decompress(frameBody);
    }

    void compress(int threshold) {
        compression = threshold < 0 ? null : new Compression(threshold);
    }

    /** Nothing more is read on this side: what it kept is given back, and the stream is no longer followed. */
    void close() {
        dropPending();
        compress(-1);
    }
}
