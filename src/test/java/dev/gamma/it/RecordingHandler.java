package dev.gamma.it;

import dev.gamma.pipeline.ChatPackets;
import dev.gamma.pipeline.Packet;
import dev.gamma.pipeline.PacketContext;
import dev.gamma.pipeline.PacketHandler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test handler: records what players type and which packets it saw, drops "drop me", rewrites "rewrite me",
 * and holds players whose name says so in login or configuration by dropping the packet that would end it.
 */
final class RecordingHandler implements PacketHandler {
    record Seen(String player, String what) {}

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

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
