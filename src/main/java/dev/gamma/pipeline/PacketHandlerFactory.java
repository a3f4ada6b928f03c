package dev.gamma.pipeline;

/**
 * A named source of handlers, found with {@link java.util.ServiceLoader} in the jars of the plugins
 * directory (and among Gamma's built-ins). A route lists the names it wants in {@code handlers: [...]};
 * every connection of that route gets a fresh handler from {@link #create()}. A plugin's factory is constructed
 * only when a route names it, which Gamma learns from {@link HandlerName} without running the plugin's code.
 */
public interface PacketHandlerFactory {

    /**
     * The name routes use, e.g. {@code chat-filter}. Lower case, unique among all loaded factories. By default
     * the {@link HandlerName} the class is annotated with; a factory that overrides this must return that same name.
     */
    default String name() {
        HandlerName declared = getClass().getAnnotation(HandlerName.class);
        if (declared == null) {
            throw new IllegalStateException(getClass().getName() + " has neither @HandlerName nor a name() of its own");
        }
        return declared.value();
    }

    PacketHandler create();
}
