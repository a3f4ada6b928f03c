package dev.gamma.node;

import dev.gamma.cluster.ClusterCommands.BroadcastResult;
import dev.gamma.cluster.Crosstalk;
import dev.gamma.cluster.EventBusCommands;
import dev.gamma.cluster.PlayerEntry;
import dev.gamma.relay.LocalPlayers;
import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.SessionEvents;
import dev.gamma.relay.SessionInfo;
import dev.gamma.relay.SessionSnapshot;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Keeps this node's players in the cluster registry: added when a relay starts, written again as soon as the session
 * changes (encryption started) and, for byte counts, at the next {@link #refresh()} (run every
 * {@link #REFRESH_MILLIS} ms) when they moved, removed when the relay ends. An entry that did not change is not
 * written again here (the registry keeps it fresh), so idle players cost nothing. Also carries out kicks and
 * broadcasts on the node's players.
 * A session's puts and remove are issued under its entry in {@link #listed}, so a refresh running on another
 * thread can never put a session back after its removal (which would leave it listed for good).
 */
final class PlayerTracking implements SessionEvents, EventBusCommands.LocalActions {
    /** Byte counts in the registry are at most this old, plus the time a write takes to reach the other nodes. */
    static final long REFRESH_MILLIS = 1_000;
    private final Crosstalk crosstalk;
    private final LocalPlayers players;
    private final Consumer<String> commandCounter;
    /** What this node last put in the cluster registry, by session id, until the session ends. */
    private final Map<String, PlayerEntry> listed = new ConcurrentHashMap<>();

    PlayerTracking(Crosstalk crosstalk, LocalPlayers players, Consumer<String> commandCounter) {
        this.crosstalk = crosstalk;
        this.players = players;
        this.commandCounter = commandCounter;
    }

    @Override
    public void started(PlayerSession session) {
        listed.compute(session.id(), (id, known) -> put(session));
    }

    @Override
    public void changed(PlayerSession session) {
        putIfChanged(session);
    }

    @Override
    public void ended(PlayerSession session) {
        listed.compute(session.id(), (id, known) -> {
            crosstalk.players().remove(id);
            return null;
        });
    }

    /** Puts the listed players whose entry changed since it was last put: byte counts, mostly. */
    void refresh() {
        for (PlayerSession session : players.all()) {
            putIfChanged(session);
        }
    }

    private void putIfChanged(PlayerSession session) {
        listed.computeIfPresent(session.id(), (id, known) -> {
            PlayerEntry now = entry(session);
            return now.equals(known) ? known : put(now);
        });
    }

    private PlayerEntry put(PlayerSession session) {
        return put(entry(session));
    }

    private PlayerEntry put(PlayerEntry entry) {
        crosstalk.players().put(entry);
        return entry;
    }

    @Override
    public Future<Integer> kick(List<String> sessionIds, String reason) {
        commandCounter.accept("kick");
        List<Future<Boolean>> kicks = sessionIds.stream().distinct()
                .map(players::byId)
                .flatMap(Optional::stream)
                .map(s -> s.kick(reason))
                .toList();
        return Future.all(kicks).map(all -> kicks.size());
    }

    @Override
    public Future<BroadcastResult> broadcast(String message) {
        commandCounter.accept("broadcast");
        List<Future<Boolean>> sends = players.all().stream().map(s -> s.sendChat(message)).toList();
        return Future.all(sends).map(all -> {
            int reached = (int) sends.stream().filter(Future::result).count();
            return new BroadcastResult(reached, sends.size() - reached);
        });
    }

    private PlayerEntry entry(PlayerSession session) {
        SessionSnapshot snapshot = session.snapshot();
        SessionInfo info = snapshot.info();
        return new PlayerEntry(session.id(), info.username() == null ? "" : info.username(), info.uuid() == null ? "" : info.uuid().toString(),
                crosstalk.nodes().selfId(), info.route(), info.backend(), info.clientAddress(), info.protocol(),
                snapshot.encrypted(), session.connectedAt(), session.traffic().fromClient(),
                session.traffic().fromBackend());
    }
}
