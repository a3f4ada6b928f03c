package dev.gamma.pipeline;

import dev.gamma.protocol.Compression;
import dev.gamma.protocol.Frames;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * One direction of a framed connection: the bytes of a frame not complete yet, the zlib state once Set
 * Compression was seen, and where frames read on this side are written to.
 */
final class Side {
    final Direction direction;
    private final Consumer<Buffer> out;
    private Buffer pending;
    private Compression compression;

    Side(Direction direction, Consumer<Buffer> out) {
        this.direction = direction;
        this.out = out;
    }

    /** The incomplete bytes left from earlier chunks followed by this chunk. */
    Buffer withPending(Buffer chunk) {
        if (pending == null) {
            return chunk;
        }
        Buffer joined = pending.appendBuffer(chunk);
        pending = null;
        return joined;
    }

    /** Keeps the unread tail (less than one frame) for the next chunk; copied, so the chunk can be freed. */
    void keep(Buffer input, int from) {
        if (from < input.length()) {
            pending = Buffer.buffer(input.length() - from).appendBuffer(input, from, input.length() - from);
        }
    }

    boolean compressed() {
        return compression != null;
    }

    boolean hasPending() {
        return pending != null;
    }

    /** Hands back whatever was kept, for a switch to raw relay. */
    Buffer drainPending() {
        Buffer rest = pending;
        pending = null;
        return rest;
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

    /** The uncompressed packet body of a frame body read on this side. */
    ByteBuffer uncompressed(ByteBuffer frameBody) {
        return compression == null ? frameBody : compression.decompress(frameBody);
    }

    void compress(int threshold) {
        if (compression != null) {
            compression.close();
        }
        compression = threshold < 0 ? null : new Compression(threshold);
    }

    void close() {
        compress(-1);
    }
}
