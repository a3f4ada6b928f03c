package dev.gamma.pipeline;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One packet as it crosses Gamma, already uncompressed.
 *
 * @param payload the bytes after the packet id, read-only; valid only during the callback (copy what you keep)
 * @param name    the packet's name when Gamma's version table knows it (e.g. {@code chat}, {@code system_chat}),
 *                else null: see {@link #knownName()}
 */
public record Packet(ConnectionState state, Direction direction, int id, ByteBuffer payload, String name) {

    public Optional<String> knownName() {
        return Optional.ofNullable(name);
    }

    /** The payload as a fresh array, for handlers that keep or inspect it. */
    public byte[] payloadBytes() {
        ByteBuffer copy = payload.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
