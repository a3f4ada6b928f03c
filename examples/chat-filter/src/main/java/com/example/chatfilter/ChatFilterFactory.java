package com.example.chatfilter;

import dev.gamma.pipeline.HandlerName;
import dev.gamma.pipeline.PacketHandler;
import dev.gamma.pipeline.PacketHandlerFactory;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Registers the handler under the name routes use: {@code handlers: [chat-filter]}. Gamma reads the name from the
 * annotation and constructs this factory only once a route names it.
 */
@HandlerName("chat-filter")
public final class ChatFilterFactory implements PacketHandlerFactory {
    private static final List<Pattern> BLOCKED = Stream.of("darn", "heck")
            .map(word -> Pattern.compile("\\b" + word + "\\b", Pattern.CASE_INSENSITIVE))
            .toList();

    @Override
    public PacketHandler create() {
        return new ChatFilterHandler(BLOCKED);
    }
}
