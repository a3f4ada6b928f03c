package dev.gamma.node;

import dev.gamma.cluster.HealthTable;
import dev.gamma.cluster.PlayerRegistry;
import dev.gamma.route.Backend;
import dev.gamma.route.BackendBalancer;
import dev.gamma.route.BackendState;
import dev.gamma.route.Route;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the balancer learns from the fleet: other nodes' players per backend (the registry's index) and which
 * backends are down (the shared health table). Also counts failed logins' connects: {@code fails} in a row on this
 * node, for a route with health checks, mark the backend down for every node; only its checker brings it back up.
 */
final class FleetBackends implements BackendBalancer.Fleet {
    private final PlayerRegistry players;
    private final HealthTable health;
    /** Connect failures in a row, by backend; only backends of routes with health checks, pruned to them. */
    private final Map<Backend, Integer> failuresInARow = new ConcurrentHashMap<>();

    FleetBackends(PlayerRegistry players, HealthTable health) {
        this.players = players;
        this.health = health;
    }

    @Override
    public int playersElsewhere(Backend backend) {
        return players.elsewhereOnBackend(backend.toString());
    }

    @Override
    public boolean down(Backend backend) {
        return health.state(backend) == BackendState.DOWN;
    }

    @Override
    public void connectFailed(Route route, Backend backend) {
        if (route.health() == null) {
            return;
        }
        int fails = route.health().fails();
        Integer row = failuresInARow.merge(backend, 1, (n, one) -> n + 1 >= fails ? null : n + 1);
        if (row == null || fails == 1) {
            failuresInARow.remove(backend);
            if (health.state(backend) != BackendState.DOWN) {
                health.write(backend, BackendState.DOWN);
            }
        }
    }

    @Override
    public void connectSucceeded(Route route, Backend backend) {
        failuresInARow.remove(backend);
    }

    /** Forgets counts of backends no route checks any more. */
    void retain(Set<Backend> checked) {
        failuresInARow.keySet().retainAll(checked);
    }
}
