package dev.gamma.node;

import dev.gamma.cluster.ConfiguredRoutes;
import dev.gamma.cluster.SharedRoute;
import dev.gamma.config.GammaConfig;
import dev.gamma.route.Route;
import dev.gamma.route.RouteTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Between the configuration file, the shared route table and the snapshot the connection path reads. */
final class RouteSync {
    private RouteSync() {}

    /** This node's file routes as shared entries, one per host. */
    static List<SharedRoute> fileRoutes(GammaConfig config) {
        return ConfiguredRoutes.fileEntries(config.routes(), System.currentTimeMillis());
    }

    /**
     * The table for the connection path, from the routes the store already decoded (each entry once, when its
     * change arrived): nothing is read again, and an unchanged entry's route is the same object as before. A route
     * listing several hosts is named after its first host on every host, so limits and balancing count it once.
     */
    static RouteTable table(Map<String, SharedRoute> shared) {
        Map<String, Route> byHost = new HashMap<>(shared.size() * 2);
        shared.forEach((host, entry) -> byHost.put(host, entry.route()));
        return RouteTable.byHost(byHost);
    }
}
