package dev.gamma.cluster;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of a standalone node: a map in memory. */
final class LocalPlayerRegistry implements PlayerRegistry {
    private final Map<String, PlayerEntry> entries = new ConcurrentHashMap<>();
    private final PlayerIndex index = new PlayerIndex(null);

    @Override
    public Future<Void> put(PlayerEntry entry) {
        entries.compute(entry.id(), (id, before) -> {
            index.changed(before, entry);
            return entry;
        });
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> remove(String id) {
        entries.computeIfPresent(id, (key, before) -> {
            index.changed(before, null);
            return null;
        });
        return Future.succeededFuture();
    }

    @Override
    public List<PlayerEntry> snapshot() {
        return List.copyOf(entries.values());
    }

    @Override
    public int onRoute(String route) {
        return index.onRoute(route);
    }

    /** A standalone node relays every player it lists. */
    @Override
    public int elsewhereOnBackend(String backend) {
        return 0;
    }

    @Override
    public List<PlayerEntry> sampleOnRoute(String route, int limit) {
        return index.sampleOnRoute(route, limit);
    }

    @Override
    public List<PlayerEntry> named(String name) {
        return index.named(name);
    }

    @Override
    public Future<Integer> removeNode(String nodeId) {
        int[] removed = {0};
        for (String id : entries.keySet()) {
            entries.computeIfPresent(id, (key, entry) -> {
                if (!entry.node().equals(nodeId)) {
                    return entry;
                }
                index.changed(entry, null);
                removed[0]++;
                return null;
            });
        }
        return Future.succeededFuture(removed[0]);
    }
}
