package dev.gamma.cluster;

import io.vertx.core.Future;
import java.util.List;

/**
 * Every online player of the cluster. Writes are asynchronous and never awaited on the connection path;
 * reads come from a local mirror that cluster events keep current, so they never wait either.
 */
public interface PlayerRegistry {

    /** Adds or refreshes an entry. */
    Future<Void> put(PlayerEntry entry);

    Future<Void> remove(String id);

    /** Every entry as this node's mirror has them now. */
    List<PlayerEntry> snapshot();

    /** How many players the mirror lists on {@code route}, without going over them all. */
    int onRoute(String route);

    /** At most {@code limit} of the entries on {@code route}, without going over them all. */
    List<PlayerEntry> sampleOnRoute(String route, int limit);

    /**
     * How many players other nodes relay to {@code backend} ({@code host:port}), as the mirror lists them, without
     * going over them all. This node's own players are not counted.
     */
    int elsewhereOnBackend(String backend);

    /** The entries of players called {@code name}, in any case, without going over them all. */
    List<PlayerEntry> named(String name);

    /** Removes every entry of {@code nodeId} (idempotent): when that node left or died. Answers how many. */
    Future<Integer> removeNode(String nodeId);
}
