package dev.gamma.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every handler factory a node knows by name: the built-ins, then those of the plugin jars. */
public final class HandlerRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerRegistry.class);

    private final Map<String, PacketHandlerFactory> factories = new TreeMap<>();

    /** Only the built-ins. */
    public HandlerRegistry() {
        register(new PacketStatsHandler.Factory());
        register(new ChatLogHandler.Factory());
    }

    /** The built-ins and every factory the jars in {@code pluginsDir} provide (a missing directory is fine). */
    public static HandlerRegistry withPlugins(Path pluginsDir) {
        HandlerRegistry registry = new HandlerRegistry();
        List<URL> jars = jarsIn(pluginsDir);
        if (jars.isEmpty()) {
            return registry;
        }
        ClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), HandlerRegistry.class.getClassLoader());
        for (PacketHandlerFactory factory : ServiceLoader.load(PacketHandlerFactory.class, loader)) {
            registry.register(factory);
            LOG.info("plugin handler {} loaded from {}", factory.name(), pluginsDir);
        }
        return registry;
    }

    /** Adds a factory; a name already taken is refused. */
    public void register(PacketHandlerFactory factory) {
        PacketHandlerFactory previous = factories.putIfAbsent(factory.name(), factory);
        if (previous != null && previous != factory) {
            throw new IllegalArgumentException("two handlers are called " + factory.name() + ": "
                    + previous.getClass().getName() + " and " + factory.getClass().getName());
        }
    }

    /** The counts of the built-in packet-stats handler, across every connection that used it. */
    public PacketStatistics packetStatistics() {
        return (PacketStatistics) factories.get(PacketStatsHandler.NAME);
    }

    public Set<String> names() {
        return factories.keySet();
    }

    public PacketHandlerFactory factory(String name) {
        return factories.get(name);
    }

    /** Fresh handlers for one connection, in the order named. */
    public List<NamedHandler> create(List<String> names) {
        List<NamedHandler> handlers = new ArrayList<>(names.size());
        for (String name : names) {
            PacketHandlerFactory factory = factories.get(name);
            if (factory == null) {
                throw new IllegalArgumentException(unknown(name));
            }
            handlers.add(new NamedHandler(name, factory.create()));
        }
        return handlers;
    }

    /** The message for a route naming a handler nobody provides. */
    public String unknown(String name) {
        return "unknown handler \"" + name + "\" (known: " + String.join(", ", factories.keySet()) + ")";
    }

    private static List<URL> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().map(HandlerRegistry::url).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins in " + dir, e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
