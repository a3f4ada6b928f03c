package dev.gamma.node;

import dev.gamma.cluster.ClusterCommands.BroadcastResult;
import dev.gamma.cluster.Crosstalk;
import dev.gamma.cluster.EventBusCommands;
import dev.gamma.cluster.PlayerEntry;
import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.SessionEvents;
import dev.gamma.relay.SessionInfo;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps this node's players in the cluster registry (added when a relay starts, removed when it ends,
 * re-asserted with fresh byte counts periodically) and carries out kicks and broadcasts on local sessions.
 * A session's put and remove are issued under its entry in {@link #live}, so a re-assertion running on another
 * thread can never put a session back after its removal (which would leave it listed for good).
 */
final class PlayerTracking implements SessionEvents, EventBusCommands.LocalActions {
    private final Crosstalk crosstalk;
    private final Supplier<List<PlayerSession>> localSessions;
    private final Consumer<String> commandCounter;
    private final Map<String, PlayerSession> live = new ConcurrentHashMap<>();

    PlayerTracking(Crosstalk crosstalk, Supplier<List<PlayerSession>> localSessions, Consumer<String> commandCounter) {
        this.crosstalk = crosstalk;
        this.localSessions = localSessions;
        this.commandCounter = commandCounter;
    }

    @Override
    public void started(PlayerSession session) {
        live.compute(session.id(), (id, known) -> {
            crosstalk.players().put(entry(session));
            return session;
        });
    }

    @Override
    public void ended(PlayerSession session) {
        live.compute(session.id(), (id, known) -> {
            crosstalk.players().remove(id);
            return null;
        });
    }

    /** Puts every live session again, so byte counts are fresh and a healed split converges. */
    void reassert() {
        for (String id : live.keySet()) {
            live.computeIfPresent(id, (key, session) -> {
                crosstalk.players().put(entry(session));
                return session;
            });
        }
    }

    @Override
    public Future<Integer> kick(List<String> sessionIds, String reason) {
        commandCounter.accept("kick");
        List<Future<Boolean>> kicks = localSessions.get().stream()
                .filter(s -> sessionIds.contains(s.id()))
                .map(s -> s.kick(reason))
                .toList();
        return Future.all(kicks).map(all -> kicks.size());
    }

    @Override
    public Future<BroadcastResult> broadcast(String message) {
        commandCounter.accept("broadcast");
        List<Future<Boolean>> sends = localSessions.get().stream().map(s -> s.sendChat(message)).toList();
        return Future.all(sends).map(all -> {
            int reached = (int) sends.stream().filter(Future::result).count();
            return new BroadcastResult(reached, sends.size() - reached);
        });
    }

    private PlayerEntry entry(PlayerSession session) {
        SessionInfo info = session.info();
        return new PlayerEntry(session.id(), info.username() == null ? "" : info.username(), info.uuid() == null ? "" : info.uuid().toString(),
                crosstalk.nodes().selfId(), info.route(), info.backend(), info.clientAddress(), info.protocol(),
                session.encrypted(), session.connectedAt(), session.traffic().fromClient(),
                session.traffic().fromBackend());
    }
}
