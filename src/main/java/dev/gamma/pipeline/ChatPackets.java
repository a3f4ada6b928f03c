package dev.gamma.pipeline;

import dev.gamma.protocol.InBandPackets;
import dev.gamma.protocol.ProtocolException;
import dev.gamma.protocol.WireReader;
import dev.gamma.protocol.WireWriter;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Reading and rewriting chat text, for handlers; every version's layout is Gamma's concern, not yours. */
public final class ChatPackets {
    /** Chat lines are at most 256 characters; UTF-8 needs up to 4 bytes each. */
    private static final int MAX_CHAT_BYTES = 256 * 4;
    private static final String CHAT = "chat";

    private ChatPackets() {}

    /** What the player typed, for a serverbound chat packet; empty for anything else or unreadable data. */
    public static Optional<String> typed(Packet packet) {
        if (!isTypedChat(packet)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WireReader(packet.payload().duplicate()).readString(MAX_CHAT_BYTES));
        } catch (ProtocolException e) {
            return Optional.empty();
        }
    }

    /**
     * A payload for the same serverbound chat packet carrying {@code text} instead: the message is the first
     * field in every version, the rest is kept. Signed chat (online-mode 1.19+) will not verify afterwards.
     */
    public static ByteBuffer withTyped(Packet packet, String text) {
        if (!isTypedChat(packet)) {
            throw new IllegalArgumentException("not a serverbound chat packet: " + packet.name());
        }
        ByteBuffer rest = packet.payload().duplicate();
        new WireReader(rest).readString(MAX_CHAT_BYTES);
        byte[] tail = new byte[rest.remaining()];
        rest.get(tail);
        return ByteBuffer.wrap(new WireWriter().writeString(text).writeBytes(tail).toByteArray()).asReadOnlyBuffer();
    }

    /** The plain text of a clientbound chat or system message, where this version's layout is readable. */
    public static Optional<String> shown(Packet packet, int protocolVersion) {
        if (packet.direction() != Direction.CLIENTBOUND || packet.state() != ConnectionState.PLAY) {
            return Optional.empty();
        }
        byte[] payload = packet.payloadBytes();
        byte[] body = new WireWriter().writeVarInt(packet.id()).writeBytes(payload).toByteArray();
        try {
            return Optional.ofNullable(InBandPackets.clientboundChatText(protocolVersion, ByteBuffer.wrap(body)));
        } catch (ProtocolException e) {
            return Optional.empty();
        }
    }

    private static boolean isTypedChat(Packet packet) {
        return packet.direction() == Direction.SERVERBOUND && packet.state() == ConnectionState.PLAY
                && CHAT.equals(packet.name());
    }
}
