package dev.gamma.tui;

import io.vertx.core.json.JsonObject;

/**
 * One online player as {@code GET /api/players} describes it, every field to be shown made {@link Cells#text}.
 *
 * @param id the session's id as the API gave it, which a kick addresses: "" from a node that lists none
 */
record Player(String id, String name, String uuid, String node, String route, String backend, String address,
        int protocol, boolean encrypted, long connectedAt, long bytesIn, long bytesOut) {

    static Player fromJson(JsonObject json) {
        return new Player(json.getString("id", ""), Cells.text(json, "name"), Cells.text(json, "uuid"),
                Cells.text(json, "node"), Cells.text(json, "route"), Cells.text(json, "backend"),
                Cells.text(json, "address"), json.getInteger("protocol", -1), json.getBoolean("encrypted", false),
                json.getLong("connectedAt", 0L), json.getLong("bytesIn", 0L), json.getLong("bytesOut", 0L));
    }

    /** One session: the same name may be online twice (offline mode), on different nodes or at different times. */
    String key() {
        return node + "/" + name + "/" + connectedAt;
    }
}
