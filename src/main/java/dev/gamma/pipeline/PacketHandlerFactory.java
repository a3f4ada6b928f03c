package dev.gamma.pipeline;

/**
 * A named source of handlers, found with {@link java.util.ServiceLoader} in the jars of the plugins
 * directory (and among Gamma's built-ins). A route lists the names it wants in {@code handlers: [...]};
 * every connection of that route gets a fresh handler from {@link #create()}.
 */
public interface PacketHandlerFactory {

    /** The name routes use, e.g. {@code chat-filter}. Lower case, unique among all loaded factories. */
    String name();

    PacketHandler create();
}
