package dev.gamma.route;

import java.util.List;

/**
 * The players online on a route across the cluster, as this node's mirror of the player registry has them now:
 * a local read, never a round trip, so a server-list ping never waits on the cluster.
 */
public interface RoutePlayers {
    /** No players anywhere: a node without a registry. */
    RoutePlayers NONE = new RoutePlayers() {
        @Override
        public int online(String route) {
            return 0;
        }

        @Override
        public List<Listed> sample(String route, int limit) {
            return List.of();
        }
    };

    int online(String route);

    /** At most {@code limit} of the players online on {@code route}, in no particular order. */
    List<Listed> sample(String route, int limit);

    /** A player as the registry lists it; both texts came from a client and are checked before they are shown. */
    record Listed(String name, String uuid) {}
}
