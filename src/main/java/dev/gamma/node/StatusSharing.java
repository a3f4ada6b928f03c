package dev.gamma.node;

import dev.gamma.cluster.NodeDirectory;
import dev.gamma.cluster.SharedTable;
import dev.gamma.route.StatusShare;
import io.vertx.core.json.JsonObject;

/** The status cache's answers in the cluster's shared status table, with the keys' owners by rendezvous. */
record StatusSharing(SharedTable table, NodeDirectory nodes) implements StatusShare {
    @Override
    public JsonObject get(String key) {
        return table.get(key);
    }

    @Override
    public void put(String key, JsonObject value) {
        table.put(key, value);
    }

    @Override
    public int rank(String key) {
        return nodes.rankOf(key);
    }
}
