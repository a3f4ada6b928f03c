package dev.gamma.node;

import dev.gamma.config.ConfigException;
import dev.gamma.config.GammaConfig;
import dev.gamma.pipeline.ConnectionInfo;
import dev.gamma.pipeline.HandlerRegistry;
import dev.gamma.pipeline.NamedHandler;
import dev.gamma.pipeline.PluginException;
import dev.gamma.route.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The packet handlers a routed connection gets: its route's, by name, then those added in code. */
final class RouteHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(RouteHandlers.class);

    private static final int MAX_WARNED = 1_024;

    private final HandlerRegistry registry;
    /** The handlers each route named when this node last said it lacks some. */
    private final Map<String, List<String>> warned = new ConcurrentHashMap<>();
    private final List<BiFunction<Route, ConnectionInfo, List<NamedHandler>>> codeHandlers = new CopyOnWriteArrayList<>();

    RouteHandlers(HandlerRegistry registry) {
        this.registry = registry;
    }

    void add(BiFunction<Route, ConnectionInfo, List<NamedHandler>> source) {
        codeHandlers.add(source);
    }

    List<NamedHandler> forConnection(Route route, ConnectionInfo connection) {
        if (route.handlers().isEmpty() && codeHandlers.isEmpty()) {
            return List.of();
        }
        List<String> usable = route.handlers().stream().filter(this::usable).toList();
        if (usable.size() != route.handlers().size() && firstTime(route)) {
            LOG.warn("route {} names handlers this node does not have; using {} (said once for the route's handlers"
                    + " as they are now)", route.name(), usable);
        }
        List<NamedHandler> chain = new ArrayList<>(registry.create(usable));
        for (var source : codeHandlers) {
            chain.addAll(source.apply(route, connection));
        }
        return chain;
    }

    /**
     * Whether the route's lack of a handler is news: said once per route and list of handlers, not once per
     * connection (every login on the route would log it). Forgets everything past {@link #MAX_WARNED} routes.
     */
    private boolean firstTime(Route route) {
        if (warned.size() >= MAX_WARNED) {
            warned.clear();
        }
        return !route.handlers().equals(warned.put(route.name(), route.handlers()));
    }

    /** A route from the shared table may name a handler this node lacks, or one whose plugin cannot be constructed. */
    private boolean usable(String name) {
        try {
            return registry.factory(name) != null;
        } catch (PluginException loggedWhenItFailed) {
            return false;
        }
    }

    /** Also constructs the plugin factories the routes name, so that one that cannot be is refused here. */
    void checkNames(GammaConfig config) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < config.routes().size(); i++) {
            for (String name : config.routes().get(i).handlers()) {
                try {
                    if (registry.factory(name) == null) {
                        problems.add("routes[" + i + "].handlers: " + registry.unknown(name));
                    }
                } catch (PluginException e) {
                    problems.add("routes[" + i + "].handlers: " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
