package dev.gamma.pipeline;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.WireWriter;
import java.io.ByteArrayOutputStream;

/** Packets and streams as bytes, for the pipeline's tests. */
final class PacketBytes {
    private PacketBytes() {}

    /** A packet body: its id, then the payload. */
    static byte[] body(int id, byte[] payload) {
        return new WireWriter().writeVarInt(id).writeBytes(payload).toByteArray();
    }

    /** An uncompressed frame of the packet. */
    static byte[] frame(int id, byte[] payload) {
        return Frames.frame(body(id, payload));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
