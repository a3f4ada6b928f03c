package com.example.chatfilter;

import dev.gamma.pipeline.ChatPackets;
import dev.gamma.pipeline.Packet;
import dev.gamma.pipeline.PacketContext;
import dev.gamma.pipeline.PacketHandler;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks blocked words in what players type before the server sees it, and tells the player once.
 * One instance per connection, so fields are per player.
 */
final class ChatFilterHandler implements PacketHandler {
    private final List<Pattern> blocked;
    private boolean warned;

    ChatFilterHandler(List<Pattern> blocked) {
        this.blocked = blocked;
    }

    @Override
    public void onPacket(Packet packet, PacketContext context) {
        ChatPackets.typed(packet).ifPresent(text -> {
            String masked = mask(text);
            if (!masked.equals(text)) {
                context.replace(ChatPackets.withTyped(packet, masked));
                if (!warned) {
                    warned = context.tell("Some words are masked on this server.");
                }
            }
        });
    }

    private String mask(String text) {
        String result = text;
        for (Pattern word : blocked) {
            result = word.matcher(result).replaceAll(match -> "*".repeat(match.group().length()));
        }
        return result;
    }
}
