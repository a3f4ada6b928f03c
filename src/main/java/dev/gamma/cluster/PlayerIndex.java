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
    /** Route → (id → entry); an inner map is only changed inside its outer entry's compute, and dropped when empty. */
    private final Map<String, Map<String, PlayerEntry>> byRoute = new ConcurrentHashMap<>();
    /** Backend → players of other nodes on it (this node counts its own connections itself). */
    private final Map<String, Integer> elsewhereByBackend = new ConcurrentHashMap<>();
    /**
     * Lower-cased name → (id → entry), kept like {@link #byRoute}: a change costs the same however many players
     * share a name ({@code duplicate-login: allow} lets any number of them in).
     */
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
            removeFrom(byRoute, before.route(), before.id());
            if (elsewhere(before)) {
                elsewhereByBackend.computeIfPresent(before.backend(), (backend, n) -> n == 1 ? null : n - 1);
            }
            removeFrom(byName, key(before.name()), before.id());
        }
        if (after != null) {
            addTo(byRoute, after.route(), after);
            if (elsewhere(after)) {
                elsewhereByBackend.merge(after.backend(), 1, Integer::sum);
            }
            addTo(byName, key(after.name()), after);
        }
    }

    /**
     * A group of one is an immutable map, the usual case for a name; a second member makes it a concurrent map
     * that is changed in place from then on, so no change copies a group.
     */
    private static void addTo(Map<String, Map<String, PlayerEntry>> groups, String group, PlayerEntry entry) {
        groups.compute(group, (key, entries) -> {
            if (entries == null) {
                return Map.of(entry.id(), entry);
            }
            Map<String, PlayerEntry> grown = entries instanceof ConcurrentHashMap ? entries
                    : new ConcurrentHashMap<>(entries);
            grown.put(entry.id(), entry);
            return grown;
        });
    }

    private static void removeFrom(Map<String, Map<String, PlayerEntry>> groups, String group, String id) {
        groups.computeIfPresent(group, (key, entries) -> {
            if (!(entries instanceof ConcurrentHashMap)) {
                return entries.containsKey(id) ? null : entries;
            }
            entries.remove(id);
            return entries.isEmpty() ? null : entries;
        });
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
