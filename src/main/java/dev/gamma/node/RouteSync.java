package dev.gamma.node;

import dev.gamma.protocol.Printable;
import dev.gamma.cluster.SharedRoute;
import dev.gamma.config.ConfigException;
import dev.gamma.config.GammaConfig;
import dev.gamma.config.RouteConfig;
import dev.gamma.config.RouteParser;
import dev.gamma.route.Route;
import dev.gamma.route.RouteTable;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Between the configuration file, the shared route table and the snapshot the connection path reads. */
final class RouteSync {
    private static final Logger LOG = LoggerFactory.getLogger(RouteSync.class);

    private RouteSync() {}

    /** This node's file routes as shared entries, one per host. */
    static List<SharedRoute> fileRoutes(GammaConfig config) {
        long now = System.currentTimeMillis();
        List<SharedRoute> shared = new ArrayList<>();
        for (RouteConfig route : config.routes()) {
            var json = RouteParser.toJson(route);
            for (String host : route.hosts()) {
                shared.add(new SharedRoute(host, json, SharedRoute.Source.FILE, now));
            }
        }
        return shared;
    }

    /**
     * The table for the connection path. A route listing several hosts keeps its first host as its name on
     * every host, so limits and balancing count it once. An entry that does not parse (written by a newer
     * node, say) is skipped with a warning rather than taking the table down.
     */
    static RouteTable table(Map<String, SharedRoute> shared, Path baseDir) {
        List<Route> routes = new ArrayList<>(shared.size());
        for (SharedRoute entry : shared.values()) {
            try {
                RouteConfig parsed = RouteParser.parse(entry.host(), entry.route(), baseDir);
                routes.add(RouteMapping.route(parsed, nameOf(entry)));
            } catch (ConfigException e) {
                LOG.warn("route for {} skipped: {}", Printable.escape(entry.host(), 255),
                        Printable.escape(String.join("; ", e.problems()), 1024));
            }
        }
        return RouteTable.of(routes);
    }

    private static String nameOf(SharedRoute entry) {
        Object hosts = entry.route().getValue("host");
        if (hosts instanceof JsonArray list && !list.isEmpty()) {
            return String.valueOf(list.getValue(0));
        }
        return entry.host();
    }
}
