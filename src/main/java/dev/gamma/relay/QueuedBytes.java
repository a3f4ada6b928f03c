package dev.gamma.relay;

import dev.gamma.vertx.VertxInternals;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/** What a write of a relayed socket queues: the bytes it was given, holding no more memory than they take. */
final class QueuedBytes {
    /** A slice written on holds its read buffer; one under this fraction of it is copied instead. */
    private static final int COMPACT_BELOW = 8;

    private QueuedBytes() {}

    /** {@code bytes}, which may be a slice of a chunk being read, with a reference of their own. */
    static ByteBuf of(Buffer bytes) {
        return compact(VertxInternals.retainedByteBuf(bytes));
    }

    /**
     * A slice much smaller than the buffer it lies in, copied: the queue for a slow reader counts the bytes it holds,
     * and a few bytes a handler let through of a chunk it mostly dropped must not keep the whole read buffer.
     */
    static ByteBuf compact(ByteBuf shared) {
        ByteBuf memory = memoryOf(shared);
        if (memory == shared || (long) shared.readableBytes() * COMPACT_BELOW >= memory.capacity()) {
            return shared;
        }
        try {
            return shared.alloc().directBuffer(shared.readableBytes()).writeBytes(shared);
        } finally {
            shared.release();
        }
    }

    /**
     * The buffer that holds {@code bytes}' memory: a slice's, unwrapped through the leak detector's wrapper, which
     * Netty puts around some of the buffers it hands out (one in 128 by default), and around every slice of those.
     */
    private static ByteBuf memoryOf(ByteBuf bytes) {
        ByteBuf memory = bytes;
        for (ByteBuf inner = memory.unwrap(); inner != null; inner = memory.unwrap()) {
            memory = inner;
        }
        return memory;
    }
}
