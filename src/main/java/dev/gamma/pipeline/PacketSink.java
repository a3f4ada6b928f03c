package dev.gamma.pipeline;

import io.vertx.core.buffer.Buffer;

/**
 * Where a {@link PacketPipeline} writes, in bytes valid during the call only (they may be the chunk being read);
 * {@code close} ends both sides (after a kick or a handler's close).
 */
public interface PacketSink {
    void toClient(Buffer bytes);

    void toBackend(Buffer bytes);

    void close(String reason);
}
