package dev.gamma.pipeline;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the handler factories of a plugins directory. Listing them loads their classes but runs none of their
 * code: a factory that declares its {@link HandlerName} is constructed only when something asks for it by name.
 */
final class PluginLoader {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerRegistry.class);

    private PluginLoader() {}

    /** Every factory the jars in {@code dir} provide; logs each jar with its SHA-256 and handler names. */
    static List<LazyFactory> load(Path dir) {
        List<PluginJars.Jar> jars = PluginJars.in(dir);
        if (jars.isEmpty()) {
            LOG.info("no plugin jars in {}", dir.toAbsolutePath());
            return List.of();
        }
        List<URL> urls = new ArrayList<>();
        Map<String, PluginJars.Jar> byUrl = new LinkedHashMap<>();
        Map<Path, List<String>> provided = new LinkedHashMap<>();
        for (PluginJars.Jar jar : jars) {
            URL url = url(jar.path());
            urls.add(url);
            byUrl.put(url.toExternalForm(), jar);
            provided.put(jar.path(), new ArrayList<>());
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), PluginLoader.class.getClassLoader());
        List<ServiceLoader.Provider<PacketHandlerFactory>> providers;
        try {
            providers = ServiceLoader.load(PacketHandlerFactory.class, loader).stream().toList();
        } catch (ServiceConfigurationError e) {
            throw new PluginException(List.of(dir + ": " + e.getMessage()));
        }
        List<LazyFactory> factories = new ArrayList<>();
        for (ServiceLoader.Provider<PacketHandlerFactory> provider : providers) {
            PluginJars.Jar jar = jarOf(provider.type(), byUrl);
            LazyFactory factory = factory(provider, provider.type().getName() + " in "
                    + (jar == null ? "Gamma's class path" : jar.path()));
            factories.add(factory);
            if (jar != null) {
                provided.get(jar.path()).add(factory.name());
            }
        }
        for (PluginJars.Jar jar : jars) {
            List<String> names = provided.get(jar.path());
            LOG.info("plugin jar {} sha256 {} handlers {}", jar.path().toAbsolutePath(), jar.sha256(),
                    names.isEmpty() ? "none" : String.join(", ", names));
        }
        return factories;
    }

    private static LazyFactory factory(ServiceLoader.Provider<PacketHandlerFactory> provider, String origin) {
        HandlerName declared = provider.type().getAnnotation(HandlerName.class);
        if (declared != null) {
            return new LazyFactory(declared.value(), origin, provider::get);
        }
        // learning the name would mean running the plugin's code whether or not a route names it
        throw new PluginException(List.of(origin + " has no @HandlerName: a plugin's factory must declare the name"
                + " of its handler (@HandlerName(\"name\") on the class), so that Gamma constructs it only when a"
                + " route names it"));
    }

    private static PluginJars.Jar jarOf(Class<?> type, Map<String, PluginJars.Jar> byUrl) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? null : byUrl.get(source.getLocation().toExternalForm());
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
