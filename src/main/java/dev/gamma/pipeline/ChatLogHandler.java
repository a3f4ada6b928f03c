package dev.gamma.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Built-in {@code log-chat}: logs what players type, on sessions Gamma can read (not encrypted). */
final class ChatLogHandler implements PacketHandler {
    static final String NAME = "log-chat";
    private static final Logger LOG = LoggerFactory.getLogger("gamma.chat");

    @Override
    public void onPacket(Packet packet, PacketContext context) {
        ChatPackets.typed(packet).ifPresent(text ->
                LOG.info("<{}> {} (route {})", context.playerName().orElse("?"), text, context.route()));
    }

    static final class Factory implements PacketHandlerFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PacketHandler create() {
            return new ChatLogHandler();
        }
    }
}
