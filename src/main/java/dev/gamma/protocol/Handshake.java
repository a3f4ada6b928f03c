package dev.gamma.protocol;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The first packet of every modern connection (state HANDSHAKING, serverbound 0x00). The address is kept
 * exactly as sent, Forge/BungeeCord/TCPShield suffixes included: cutting them is routing's job, and the
 * original is what gets forwarded unless the route rewrites it.
 */
public record Handshake(int protocolVersion, String address, int port, int intent) {
    public static final int STATUS = 1;
    public static final int LOGIN = 2;
    public static final int TRANSFER = 3;
    /** A 255-character hostname plus room for Forge, Floodgate, BungeeCord and TCPShield data. */
    public static final int MAX_ADDRESS_BYTES = 4096;

    static final int PACKET_ID = 0x00;

    public Handshake {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
        if (!validIntent(intent)) {
            throw new IllegalArgumentException("intent " + intent + " is not 1 (status), 2 (login) or 3 (transfer)");
        }
    }

    public boolean isStatus() {
        return intent == STATUS;
    }

    /** Login or transfer: a transfer (1.20.5+) is a login that another server sent here. */
    public boolean isLogin() {
        return intent == LOGIN || intent == TRANSFER;
    }

    /** Decodes a frame body (packet id and fields) without moving {@code body}'s position. */
    public static Handshake decode(ByteBuffer body) {
        WireReader in = new WireReader(body.duplicate());
        int id = in.readVarInt();
        if (id != PACKET_ID) {
            throw new ProtocolException("handshake packet id 0x" + Integer.toHexString(id) + ", expected 0x00");
        }
        int protocolVersion = in.readVarInt();
        String address = in.readString(MAX_ADDRESS_BYTES);
        int port = in.readUnsignedShort();
        int intent = in.readVarInt();
        if (!validIntent(intent)) {
            throw new ProtocolException("handshake intent " + intent + " is not 1, 2 or 3");
        }
        if (in.remaining() != 0) {
            throw new ProtocolException(in.remaining() + " trailing bytes after the handshake");
        }
        return new Handshake(protocolVersion, address, port, intent);
    }

    /**
     * Fails as soon as the first frame in {@code buf} shows it is no handshake: its packet id, the byte after
     * the length, is not 0. A client speaking another protocol is refused at once instead of being waited for
     * until the deadline. Checks nothing else and does not move {@code buf}.
     */
    public static void checkStart(ByteBuffer buf) {
        int at = buf.position();
        for (int i = 0; i < Frames.MAX_LENGTH_BYTES && at + i < buf.limit(); i++) {
            if ((buf.get(at + i) & 0x80) == 0) {
                int idAt = at + i + 1;
                int firstIdByte = idAt < buf.limit() ? buf.get(idAt) & 0xFF : 0;
                if ((firstIdByte & 0x7F) != 0) {
                    throw new ProtocolException("handshake packet id 0x" + Integer.toHexString(firstIdByte & 0x7F)
                            + ((firstIdByte & 0x80) != 0 ? "..." : "") + ", expected 0x00");
                }
                return;
            }
        }
    }

    /** The whole frame, length prefix included. */
    public byte[] encode() {
        return new WireWriter()
                .writeVarInt(PACKET_ID)
                .writeVarInt(protocolVersion)
                .writeString(address)
                .writeShort(port)
                .writeVarInt(intent)
                .toFrame();
    }

    public Handshake withAddress(String address) {
        return new Handshake(protocolVersion, address, port, intent);
    }

    private static boolean validIntent(int intent) {
        return intent >= STATUS && intent <= TRANSFER;
    }
}
