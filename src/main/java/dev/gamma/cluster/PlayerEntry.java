package dev.gamma.cluster;

import io.vertx.core.json.JsonObject;

/**
 * One online player, as every node lists it. The JSON form is what the cluster map stores and what
 * {@code GET /api/players} answers.
 *
 * @param id          the connection id, unique in the cluster (node id + a local counter)
 * @param uuid        "" when the client's version sent none and the name was not readable
 * @param address     the player's real address (from a PROXY header when there is one)
 * @param connectedAt wall-clock millis
 */
public record PlayerEntry(
        String id,
        String name,
        String uuid,
        String node,
        String route,
        String backend,
        String address,
        int protocol,
        boolean encrypted,
        long connectedAt,
        long bytesIn,
        long bytesOut) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id).put("name", name).put("uuid", uuid).put("node", node).put("route", route)
                .put("backend", backend).put("address", address).put("protocol", protocol)
                .put("encrypted", encrypted).put("connectedAt", connectedAt)
                .put("bytesIn", bytesIn).put("bytesOut", bytesOut);
    }

    public static PlayerEntry fromJson(JsonObject json) {
        return new PlayerEntry(
                json.getString("id", ""), json.getString("name", ""), json.getString("uuid", ""),
                json.getString("node", ""), json.getString("route", ""), json.getString("backend", ""),
                json.getString("address", ""), json.getInteger("protocol", -1), json.getBoolean("encrypted", false),
                json.getLong("connectedAt", 0L), json.getLong("bytesIn", 0L), json.getLong("bytesOut", 0L));
    }

    public PlayerEntry withTraffic(boolean encrypted, long bytesIn, long bytesOut) {
        return new PlayerEntry(id, name, uuid, node, route, backend, address, protocol, encrypted, connectedAt,
                bytesIn, bytesOut);
    }
}
