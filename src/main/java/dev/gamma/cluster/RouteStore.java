package dev.gamma.cluster;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The cluster route table: hostname → route. Each node keeps a local snapshot that change events replace,
 * and the connection path reads only that snapshot.
 */
public interface RouteStore {

    /**
     * Joins the shared table: loads what this node persisted earlier, merges it and this node's file routes
     * into the table (never removing what other nodes put there), and starts following changes. The node
     * serves no player before this completes.
     */
    Future<Void> start(List<SharedRoute> fileRoutes);

    /** The routes of this node's file changed (a reload): puts them, unless an API route has the host. */
    Future<Void> replaceFileRoutes(List<SharedRoute> fileRoutes);

    /** The current table, by host. */
    Map<String, SharedRoute> snapshot();

    /** Adds or replaces an API route; persisted so that a restart of the whole cluster keeps it. */
    Future<Void> put(SharedRoute route);

    /** Removes a host's route (file or API); false when there was none. */
    Future<Boolean> remove(String host);

    /** Called with the new table after every change, on a Vert.x context. */
    void onChange(Consumer<Map<String, SharedRoute>> listener);
}
