package dev.gamma.route;

import io.vertx.core.json.JsonObject;

/**
 * Where the status cache shares its answers with the other nodes, and which node refreshes a key. Reads are this
 * node's copy and never wait; writes are asynchronous. What comes back from {@link #get} is someone else's data:
 * the cache checks its shape and size before serving it.
 */
public interface StatusShare {
    /** A node alone: nothing shared, every key its own. */
    StatusShare NONE = new StatusShare() {
        @Override
        public JsonObject get(String key) {
            return null;
        }

        @Override
        public void put(String key, JsonObject value) {
        }

        @Override
        public int rank(String key) {
            return 0;
        }
    };

    /** The value shared under {@code key} as this node knows it now, or null. */
    JsonObject get(String key);

    /** Shares {@code value} under {@code key} with every node. */
    void put(String key, JsonObject value);

    /** This node's place in the order of nodes in charge of {@code key}: 0 for its owner, 1 for the next, … */
    int rank(String key);
}
