package dev.gamma.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Players counted by route and found by name, kept alongside a registry's entries so that a login's checks
 * (a route's {@code max-players}, a name already online) and a server-list ping (a route's count and a few of its
 * names) cost the same with ten players online or fifty thousand; and other nodes' players counted by backend, for
 * least-connections. Each change is reported with the entry it replaces, under the lock of that entry's key.
 */
final class PlayerIndex {
    private final String selfId;
    private final PlayerGroups byRoute = new PlayerGroups();
    /** Backend → players of other nodes on it (this node counts its own connections itself). */
    private final Map<String, Integer> elsewhereByBackend = new ConcurrentHashMap<>();
    /** By lower-cased name: {@code duplicate-login: allow} lets any number of players share one. */
    private final PlayerGroups byName = new PlayerGroups();

    /**
     * @param selfId this node's id: its entries are left out of the per-backend counts; null for a standalone
     *               node's registry, whose entries are all its own
     */
    PlayerIndex(String selfId) {
        this.selfId = selfId;
    }

    /** {@code before} (null: none) was replaced by {@code after} (null: removed). */
    void changed(PlayerEntry before, PlayerEntry after) {
        if (before != null) {
            byRoute.remove(before.route(), before.id());
            if (elsewhere(before)) {
                elsewhereByBackend.computeIfPresent(before.backend(), (backend, n) -> n == 1 ? null : n - 1);
            }
            byName.remove(key(before.name()), before.id());
        }
        if (after != null) {
            byRoute.add(after.route(), after);
            if (elsewhere(after)) {
                elsewhereByBackend.merge(after.backend(), 1, Integer::sum);
            }
            byName.add(key(after.name()), after);
        }
    }

    private boolean elsewhere(PlayerEntry entry) {
        return selfId != null && !entry.node().equals(selfId);
    }

    int onRoute(String route) {
        return byRoute.size(route);
    }

    /** At most {@code limit} entries on {@code route}, whatever their number: a look at a few, not a walk. */
    List<PlayerEntry> sampleOnRoute(String route, int limit) {
        List<PlayerEntry> sample = new ArrayList<>();
        for (PlayerEntry entry : byRoute.members(route)) {
            if (sample.size() >= limit) {
                break;
            }
            sample.add(entry);
        }
        return sample;
    }

    int elsewhereOnBackend(String backend) {
        return elsewhereByBackend.getOrDefault(backend, 0);
    }

    List<PlayerEntry> named(String name) {
        return List.copyOf(byName.members(key(name)));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
