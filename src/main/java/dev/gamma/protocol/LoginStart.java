package dev.gamma.protocol;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.UUID;

/**
 * Login Start (state LOGIN, serverbound 0x00), whose layout changed four times. {@code uuid} is null when
 * the version or the client sent none.
 */
public record LoginStart(String name, UUID uuid) {
    /** Names are at most 16 characters; allow them all to be 4-byte UTF-8 and no more. */
    public static final int MAX_NAME_BYTES = 16 * 4;

    static final int PACKET_ID = 0x00;
    static final int MAX_KEY_BYTES = 512;
    static final int MAX_SIGNATURE_BYTES = 4096;

    private static final int V1_19 = 759;
    private static final int V1_19_1 = 760;
    private static final int V1_20_2 = 764;

    public LoginStart {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Decodes a frame body (packet id and fields) without moving {@code body}'s position. Bytes after the
     * fields this version is known to send are ignored, so a newer version that appends a field still
     * yields the name and UUID.
     */
    public static LoginStart decode(ByteBuffer body, int protocolVersion) {
        WireReader in = new WireReader(body.duplicate());
        int id = in.readVarInt();
        if (id != PACKET_ID) {
            throw new ProtocolException("login start packet id 0x" + Integer.toHexString(id) + ", expected 0x00");
        }
        String name = in.readString(MAX_NAME_BYTES);
        if (protocolVersion >= V1_20_2) {
            return new LoginStart(name, in.readUuid());
        }
        if (protocolVersion == V1_19 || protocolVersion == V1_19_1) {
            skipSignatureData(in);
        }
        if (protocolVersion < V1_19_1) {
            return new LoginStart(name, null);
        }
        return new LoginStart(name, in.readBoolean() ? in.readUuid() : null);
    }

    /**
     * The whole frame for {@code protocolVersion}: no signature data; the UUID only where the layout has
     * one (required from 764 on, dropped before 760).
     */
    public byte[] encode(int protocolVersion) {
        WireWriter out = new WireWriter().writeVarInt(PACKET_ID).writeString(name);
        if (protocolVersion >= V1_20_2) {
            if (uuid == null) {
                throw new IllegalArgumentException("protocol " + protocolVersion + " requires a UUID in Login Start");
            }
            return out.writeUuid(uuid).toFrame();
        }
        if (protocolVersion == V1_19 || protocolVersion == V1_19_1) {
            out.writeBoolean(false);
        }
        if (protocolVersion >= V1_19_1) {
            out.writeBoolean(uuid != null);
            if (uuid != null) {
                out.writeUuid(uuid);
            }
        }
        return out.toFrame();
    }

    /** 1.19 and 1.19.1/2 may carry the player's chat-signing key; we only need to get past it. */
    private static void skipSignatureData(WireReader in) {
        if (in.readBoolean()) {
            in.readLong();
            in.readByteArray(MAX_KEY_BYTES);
            in.readByteArray(MAX_SIGNATURE_BYTES);
        }
    }
}
