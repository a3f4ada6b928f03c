package dev.gamma.node;

import dev.gamma.cluster.PlayerRegistry;
import dev.gamma.route.RoutePlayers;
import java.util.List;

/** A route's players for its server-list answers, from the registry's local mirror: no ping waits on the cluster. */
record RegistryHeadcount(PlayerRegistry registry) implements RoutePlayers {
    @Override
    public int online(String route) {
        return registry.onRoute(route);
    }

    @Override
    public List<Listed> sample(String route, int limit) {
        return registry.sampleOnRoute(route, limit).stream().map(e -> new Listed(e.name(), e.uuid())).toList();
    }
}
