package dev.gamma.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every handler factory a node knows by name: the built-ins, then those of the plugin jars. A plugin's factory is
 * constructed the first time {@link #factory} or {@link #create} asks for its name, so a plugin no route names
 * runs none of its code.
 */
public final class HandlerRegistry {
    private final Map<String, LazyFactory> factories = new TreeMap<>();
    private final Path pluginsDir;

    /** Only the built-ins. */
    public HandlerRegistry() {
        this(null);
    }

    private HandlerRegistry(Path pluginsDir) {
        this.pluginsDir = pluginsDir;
        register(new PacketStatsHandler.Factory());
        register(new ChatLogHandler.Factory());
    }

    /**
     * The built-ins and every factory the jars in {@code pluginsDir} provide (a missing directory is fine). Throws
     * {@link PluginException} when the directory or a jar is writable by anyone but its owner, when a jar cannot be
     * read, or when two factories have the same name.
     */
    public static HandlerRegistry withPlugins(Path pluginsDir) {
        HandlerRegistry registry = new HandlerRegistry(pluginsDir);
        List<String> problems = new ArrayList<>();
        for (LazyFactory factory : PluginLoader.load(pluginsDir)) {
            try {
                registry.add(factory);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new PluginException(problems);
        }
        return registry;
    }

    /** Adds a factory; a name already taken is refused. */
    public void register(PacketHandlerFactory factory) {
        LazyFactory previous = factories.get(factory.name());
        if (previous == null || !previous.constructed() || previous.get() != factory) {
            add(LazyFactory.of(factory));
        }
    }

    private void add(LazyFactory factory) {
        LazyFactory previous = factories.putIfAbsent(factory.name(), factory);
        if (previous != null) {
            throw new IllegalArgumentException("two handlers are called " + factory.name() + ": "
                    + previous.origin() + " and " + factory.origin());
        }
    }

    /** The counts of the built-in packet-stats handler, across every connection that used it. */
    public PacketStatistics packetStatistics() {
        return (PacketStatistics) factories.get(PacketStatsHandler.NAME).get();
    }

    /** Every name known, without constructing any factory. */
    public Set<String> names() {
        return Collections.unmodifiableSet(factories.keySet());
    }

    public boolean knows(String name) {
        return factories.containsKey(name);
    }

    /**
     * The factory of {@code name}, constructed now if no one asked for it before; null for a name nobody provides.
     * Throws {@link PluginException} when the factory cannot be constructed (then and at every later call).
     */
    public PacketHandlerFactory factory(String name) {
        LazyFactory factory = factories.get(name);
        return factory == null ? null : factory.get();
    }

    /** Fresh handlers for one connection, in the order named. */
    public List<NamedHandler> create(List<String> names) {
        List<NamedHandler> handlers = new ArrayList<>(names.size());
        for (String name : names) {
            PacketHandlerFactory factory = factory(name);
            if (factory == null) {
                throw new IllegalArgumentException(unknown(name));
            }
            handlers.add(new NamedHandler(name, factory.create()));
        }
        return handlers;
    }

    /** The message for a route naming a handler nobody provides. */
    public String unknown(String name) {
        return "unknown handler \"" + name + "\" (known: " + String.join(", ", factories.keySet())
                + (pluginsDir == null ? "" : "; plugin jars are read from " + pluginsDir.toAbsolutePath()) + ")";
    }
}
