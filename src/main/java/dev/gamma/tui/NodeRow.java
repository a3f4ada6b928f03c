package dev.gamma.tui;

import io.vertx.core.json.JsonObject;

/** One cluster member as {@code GET /api/nodes} describes it, made {@link Cells#text}. */
record NodeRow(String id, String address, String admin, long players, long startedAt) {

    static NodeRow fromJson(JsonObject json) {
        return new NodeRow(Cells.text(json, "id"), Cells.text(json, "address"), Cells.text(json, "admin"),
                json.getLong("players", 0L), json.getLong("startedAt", 0L));
    }
}
