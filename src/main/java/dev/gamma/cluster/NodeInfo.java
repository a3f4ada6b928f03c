package dev.gamma.cluster;

import io.vertx.core.json.JsonObject;

/**
 * A member of the cluster, as {@code GET /api/nodes} lists it (with its player count added).
 *
 * @param address the players' listener, host:port
 * @param admin   the admin API, host:port
 */
public record NodeInfo(String id, String address, String admin, long startedAt) {

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("address", address).put("admin", admin).put("startedAt", startedAt);
    }

    public static NodeInfo fromJson(JsonObject json) {
        return new NodeInfo(json.getString("id", ""), json.getString("address", ""), json.getString("admin", ""),
                json.getLong("startedAt", 0L));
    }
}
