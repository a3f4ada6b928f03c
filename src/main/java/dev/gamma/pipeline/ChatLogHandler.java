package dev.gamma.pipeline;

import dev.gamma.protocol.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in {@code log-chat}: logs what players type, on sessions Gamma can read (not encrypted). The name and the
 * text are escaped (no line breaks or terminal sequences get through) and the text is cut at {@value #MAX_TEXT}.
 */
final class ChatLogHandler implements PacketHandler {
    static final String NAME = "log-chat";
    /** A vanilla chat line is at most 256 characters. */
    static final int MAX_TEXT = 256;
    private static final Logger LOG = LoggerFactory.getLogger("gamma.chat");

    @Override
    public void onPacket(Packet packet, PacketContext context) {
        ChatPackets.typed(packet).ifPresent(text ->
                LOG.info("<{}> {} (route {})", Printable.escape(context.playerName().orElse("?"), 64),
                        Printable.escape(text, MAX_TEXT), Printable.escape(context.route(), 255)));
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
