package dev.gamma.admin;

import dev.gamma.cluster.ClusterCommands;
import dev.gamma.cluster.PlayerEntry;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Commands as a test scripts them: sessions per name, a broadcast result, or a cluster that fails. */
final class FakeCommands implements ClusterCommands {
    final Map<String, Integer> sessions = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile BroadcastResult broadcastResult = new BroadcastResult(0, 0);
    volatile String failure;
    volatile String conflict;
    /** When set, a broadcast is answered only once the test completes it. */
    volatile Future<BroadcastResult> heldBroadcast;

    @Override
    public Future<Integer> kick(String name, String reason) {
        calls.add("kick " + name + ": " + reason);
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        return Future.succeededFuture(sessions.getOrDefault(name.toLowerCase(), 0));
    }

    @Override
    public Future<Integer> kickSessions(List<PlayerEntry> entries, String reason) {
        calls.add("kickSessions " + entries.stream().map(PlayerEntry::id).toList() + ": " + reason);
        return failure != null ? Future.failedFuture(failure) : Future.succeededFuture(entries.size());
    }

    @Override
    public Future<BroadcastResult> broadcast(String message) {
        calls.add("broadcast " + message);
        if (heldBroadcast != null) {
            return heldBroadcast;
        }
        return failure != null ? Future.failedFuture(failure) : Future.succeededFuture(broadcastResult);
    }

    @Override
    public Future<Long> drain(String nodeId, java.time.Duration within) {
        calls.add("drain " + nodeId + " " + within);
        return failure != null ? Future.failedFuture(failure) : Future.succeededFuture(1_000L + within.toMillis());
    }

    @Override
    public Future<Void> resume(String nodeId) {
        calls.add("resume " + nodeId);
        if (conflict != null) {
            return Future.failedFuture(new Conflict(conflict));
        }
        return failure != null ? Future.failedFuture(failure) : Future.succeededFuture();
    }
}
