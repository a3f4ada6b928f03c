package dev.gamma.tui;

import io.vertx.core.json.JsonObject;

/** One cluster member as {@code GET /api/nodes} describes it. */
record NodeRow(String id, String address, String admin, long players, long startedAt) {

    static NodeRow fromJson(JsonObject json) {
        return new NodeRow(json.getString("id", ""), json.getString("address", ""), json.getString("admin", ""),
                json.getLong("players", 0L), json.getLong("startedAt", 0L));
    }
}
