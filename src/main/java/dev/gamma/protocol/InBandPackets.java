package dev.gamma.protocol;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The packets Gamma writes into a readable session itself (Disconnect, system chat) and the chat text it
 * reads, in each version's layout. Bodies are the packet id followed by the payload, not yet framed.
 */
public final class InBandPackets {
    /** 1.16: the legacy chat packet gained a sender UUID. */
    private static final int CHAT_SENDER_SINCE = 735;
    /** 1.19.1: system chat's VarInt type became a Boolean overlay flag. */
    private static final int OVERLAY_FLAG_SINCE = 760;
    /** 1.20.3: text components in play and configuration are NBT instead of JSON. */
    private static final int NBT_TEXT_SINCE = 765;
    private static final int SYSTEM_POSITION = 1;
    private static final int MAX_CHAT_BYTES = 256 * 4;
    private static final int MAX_TEXT_BYTES = 262_144;

    private InBandPackets() {}

    public static byte[] disconnect(PacketState state, int protocolVersion, String plainReason) {
        PacketTable table = PacketTable.forVersion(protocolVersion);
        return switch (state) {
            case LOGIN -> new WireWriter().writeVarInt(id(table, PacketKind.LOGIN_DISCONNECT))
                    .writeString(ChatText.json(plainReason)).toByteArray();
            case CONFIGURATION -> text(id(table, PacketKind.CONFIGURATION_DISCONNECT), protocolVersion, plainReason)
                    .toByteArray();
            case PLAY -> text(id(table, PacketKind.PLAY_DISCONNECT), protocolVersion, plainReason).toByteArray();
            default -> throw new IllegalArgumentException("no Disconnect in state " + state);
        };
    }

    public static byte[] systemChat(int protocolVersion, String plainText) {
        PacketTable table = PacketTable.forVersion(protocolVersion);
        if (table.id(PacketKind.SYSTEM_CHAT).isEmpty()) {
            WireWriter chat = new WireWriter().writeVarInt(id(table, PacketKind.LEGACY_CHAT))
                    .writeString(ChatText.json(plainText)).writeByte(SYSTEM_POSITION);
            if (protocolVersion >= CHAT_SENDER_SINCE) {
                chat.writeUuid(new UUID(0, 0));
            }
            return chat.toByteArray();
        }
        WireWriter chat = text(id(table, PacketKind.SYSTEM_CHAT), protocolVersion, plainText);
        return protocolVersion >= OVERLAY_FLAG_SINCE
                ? chat.writeBoolean(false).toByteArray()
                : chat.writeVarInt(SYSTEM_POSITION).toByteArray();
    }

    /** What the player typed, from a serverbound chat body (id included); null for any other packet. */
    public static String serverboundChatText(int protocolVersion, ByteBuffer body) {
        WireReader reader = new WireReader(body.duplicate());
        int id = reader.readVarInt();
        PacketTable table = PacketTable.forVersion(protocolVersion);
        if (table.id(PacketKind.CHAT).orElse(-1) != id) {
            return null;
        }
        return reader.readString(MAX_CHAT_BYTES);
    }

    /** The plain text of a clientbound legacy or system chat body; null for other packets (player chat too). */
    public static String clientboundChatText(int protocolVersion, ByteBuffer body) {
        ByteBuffer in = body.duplicate();
        WireReader reader = new WireReader(in);
        int id = reader.readVarInt();
        PacketTable table = PacketTable.forVersion(protocolVersion);
        boolean legacy = table.id(PacketKind.LEGACY_CHAT).orElse(-1) == id;
        boolean system = table.id(PacketKind.SYSTEM_CHAT).orElse(-1) == id;
        if (!legacy && !system) {
            return null;
        }
        if (system && protocolVersion >= NBT_TEXT_SINCE) {
            return NbtText.plain(in);
        }
        return ChatText.plain(reader.readString(MAX_TEXT_BYTES));
    }

    /** Packet id then a text component: JSON string before 1.20.3, NBT from then on. */
    private static WireWriter text(int id, int protocolVersion, String plain) {
        WireWriter writer = new WireWriter().writeVarInt(id);
        return protocolVersion >= NBT_TEXT_SINCE
                ? writer.writeBytes(NbtText.component(plain))
                : writer.writeString(ChatText.json(plain));
    }

    private static int id(PacketTable table, PacketKind kind) {
        return table.id(kind).orElseThrow(() -> new IllegalArgumentException(
                kind + " does not exist in protocol " + table.protocolVersion()));
    }
}
