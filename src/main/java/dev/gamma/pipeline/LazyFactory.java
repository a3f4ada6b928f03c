package dev.gamma.pipeline;

import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A factory known by its name, constructed the first time a configuration or a connection needs it, from any event
 * loop. A factory that cannot be constructed fails the same way on every later call, without trying again.
 */
final class LazyFactory {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerRegistry.class);

    private final String name;
    private final String origin;
    private final Supplier<PacketHandlerFactory> constructor;
    private volatile PacketHandlerFactory factory;
    private PluginException failure;

    /** @param origin the class and where it came from, for messages */
    LazyFactory(String name, String origin, Supplier<PacketHandlerFactory> constructor) {
        this.name = name;
        this.origin = origin;
        this.constructor = constructor;
    }

    static LazyFactory of(PacketHandlerFactory ready) {
        return of(ready, ready.getClass().getName());
    }

    static LazyFactory of(PacketHandlerFactory ready, String origin) {
        LazyFactory lazy = new LazyFactory(ready.name(), origin, () -> ready);
        lazy.factory = ready;
        return lazy;
    }

    String name() {
        return name;
    }

    String origin() {
        return origin;
    }

    boolean constructed() {
        return factory != null;
    }

    /** The factory, constructed now if it was not yet; a {@link PluginException} when it cannot be. */
    PacketHandlerFactory get() {
        PacketHandlerFactory ready = factory;
        return ready != null ? ready : construct();
    }

    private synchronized PacketHandlerFactory construct() {
        if (factory != null) {
            return factory;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            PacketHandlerFactory made = constructor.get();
            String actual = made.name();
            if (!name.equals(actual)) {
                throw new IllegalStateException("it is declared as " + name + " but its name() is " + actual);
            }
            factory = made;
            LOG.info("plugin handler {} constructed ({})", name, origin);
            return made;
        } catch (RuntimeException | ServiceConfigurationError e) {
            Throwable cause = e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
            failure = new PluginException(List.of("handler " + name + " (" + origin + ") cannot be constructed: "
                    + cause));
            LOG.error("{}", failure.getMessage(), cause);
            throw failure;
        }
    }
}
