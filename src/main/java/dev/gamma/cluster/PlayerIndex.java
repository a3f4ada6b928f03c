package dev.gamma.cluster;

import java.util.ArrayList;
import java.util.HashMap;
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
    /** Route → (id → entry); an inner map is only changed inside its outer entry's compute, and dropped when empty. */
    private final Map<String, Map<String, PlayerEntry>> byRoute = new ConcurrentHashMap<>();
    /** Backend → players of other nodes on it (this node counts its own connections itself). */
    private final Map<String, Integer> elsewhereByBackend = new ConcurrentHashMap<>();
    /** Lower-cased name → (id → entry); the inner maps are replaced, never changed, so readers need no lock. */
    private final Map<String, Map<String, PlayerEntry>> byName = new ConcurrentHashMap<>();

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
            byRoute.computeIfPresent(before.route(), (route, entries) -> {
                entries.remove(before.id());
                return entries.isEmpty() ? null : entries;
            });
            if (elsewhere(before)) {
                elsewhereByBackend.computeIfPresent(before.backend(), (backend, n) -> n == 1 ? null : n - 1);
            }
            byName.computeIfPresent(key(before.name()), (name, entries) -> {
                if (entries.size() == 1 && entries.containsKey(before.id())) {
                    return null; // the name's only player: nothing to copy
                }
                Map<String, PlayerEntry> rest = new HashMap<>(entries);
                rest.remove(before.id());
                return Map.copyOf(rest);
            });
        }
        if (after != null) {
            byRoute.compute(after.route(), (route, entries) -> {
                Map<String, PlayerEntry> on = entries == null ? new ConcurrentHashMap<>() : entries;
                on.put(after.id(), after);
                return on;
            });
            if (elsewhere(after)) {
                elsewhereByBackend.merge(after.backend(), 1, Integer::sum);
            }
            byName.merge(key(after.name()), Map.of(after.id(), after), (entries, added) -> {
                Map<String, PlayerEntry> more = new HashMap<>(entries);
                more.putAll(added);
                return Map.copyOf(more);
            });
        }
    }

    private boolean elsewhere(PlayerEntry entry) {
        return selfId != null && !entry.node().equals(selfId);
    }

    int onRoute(String route) {
        return byRoute.getOrDefault(route, Map.of()).size();
    }

    /** At most {@code limit} entries on {@code route}, whatever their number: a look at a few, not a walk. */
    List<PlayerEntry> sampleOnRoute(String route, int limit) {
        List<PlayerEntry> sample = new ArrayList<>();
        for (PlayerEntry entry : byRoute.getOrDefault(route, Map.of()).values()) {
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
        return List.copyOf(byName.getOrDefault(key(name), Map.of()).values());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
