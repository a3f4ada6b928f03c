package dev.gamma.it;

import dev.gamma.pipeline.ChatPackets;
import dev.gamma.pipeline.Direction;
import dev.gamma.pipeline.Packet;
import dev.gamma.pipeline.PacketContext;
import dev.gamma.pipeline.PacketHandler;
import dev.gamma.protocol.WireReader;
import dev.gamma.protocol.WireWriter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test handler: records what players type and which packets it saw, drops "drop me", rewrites "rewrite me",
 * holds players whose name says so in login or configuration by dropping the packet that would end it, asks
 * an "AskedAtZip" player a login plugin question right after Set Compression (keeping the answer from the backend),
 * and injects a packet each way at an "AtCipher" player's Encryption Response.
 */
final class RecordingHandler implements PacketHandler {
    record Seen(String player, String what) {}

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    /** Login Plugin Request's id from 1.13 on; its message id here, and its data, large enough to be compressed. */
    static final int LOGIN_PLUGIN_REQUEST = 0x04;
    static final int QUESTION_ID = 77;
    private static final byte[] QUESTION_DATA = "gamma ".repeat(100).getBytes(StandardCharsets.US_ASCII);

    @Override
    public void onPacket(Packet packet, PacketContext context) {
        String player = context.playerName().orElse("?");
        if (packet.name() != null) {
            SEEN.add(new Seen(player, "packet:" + packet.name()));
        }
        if ("login_success".equals(packet.name()) && player.startsWith("HeldInLogin")) {
            context.drop();
            return;
        }
        if (player.startsWith("AskedAtZip") && askAtSetCompression(packet, context, player)) {
            return;
        }
        if (player.startsWith("AtCipher") && "encryption_response".equals(packet.name())) {
            context.inject(Direction.CLIENTBOUND, LOGIN_PLUGIN_REQUEST, question());
            context.inject(Direction.SERVERBOUND, packet.id(), packet.payload());
        }
        if ("finish_configuration".equals(packet.name()) && player.startsWith("HeldInConfig")) {
            context.drop();
            return;
        }
        ChatPackets.typed(packet).ifPresent(text -> {
            SEEN.add(new Seen(player, "chat:" + text));
            if (text.equals("drop me")) {
                context.drop();
            } else if (text.equals("rewrite me")) {
                context.replace(ChatPackets.withTyped(packet, "rewritten by gamma"));
            }
        });
    }

    /** True when the packet was the client's answer, which the backend never asked for: dropped. */
    private static boolean askAtSetCompression(Packet packet, PacketContext context, String player) {
        if ("set_compression".equals(packet.name())) {
            context.inject(Direction.CLIENTBOUND, LOGIN_PLUGIN_REQUEST, question());
        } else if ("login_plugin_response".equals(packet.name())) {
            SEEN.add(new Seen(player, "plugin answer:" + new WireReader(packet.payload()).readVarInt()));
            context.drop();
            return true;
        }
        return false;
    }

    private static ByteBuffer question() {
        return ByteBuffer.wrap(new WireWriter().writeVarInt(QUESTION_ID).writeString("gamma:probe")
                .writeBytes(QUESTION_DATA).toByteArray());
    }

    @Override
    public void onEncrypted(PacketContext context) {
        SEEN.add(new Seen(context.playerName().orElse("?"), "encrypted"));
    }

    /** Whether the end came with an event-loop context current, on which the node's own listeners also run. */
    @Override
    public void onClose(PacketContext context) {
        Context current = Vertx.currentContext();
        SEEN.add(new Seen(context.playerName().orElse("?"),
                current != null && current.isEventLoopContext() ? "closed on an event-loop context" : "closed"));
    }

    static boolean saw(String player, String what) {
        return SEEN.contains(new Seen(player, what));
    }

    static long count(String player, String what) {
        return SEEN.stream().filter(s -> s.equals(new Seen(player, what))).count();
    }
}
