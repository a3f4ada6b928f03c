package dev.gamma.cluster;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of a standalone node: a map in memory. */
final class LocalPlayerRegistry implements PlayerRegistry {
    private final Map<String, PlayerEntry> entries = new ConcurrentHashMap<>();

    @Override
    public Future<Void> put(PlayerEntry entry) {
        entries.put(entry.id(), entry);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> remove(String id) {
        entries.remove(id);
        return Future.succeededFuture();
    }

    @Override
    public List<PlayerEntry> snapshot() {
        return List.copyOf(entries.values());
    }

    @Override
    public Future<Integer> removeNode(String nodeId) {
        int before = entries.size();
        entries.values().removeIf(e -> e.node().equals(nodeId));
        return Future.succeededFuture(before - entries.size());
    }
}
