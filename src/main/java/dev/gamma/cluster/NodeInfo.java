package dev.gamma.cluster;

import io.vertx.core.json.JsonObject;

/**
 * A member of the cluster, as {@code GET /api/nodes} lists it (with its player count added).
 *
 * @param address       the players' listener, host:port
 * @param admin         the admin API, host:port
 * @param state         {@value #SERVING}, or {@value #DRAINING} once it stopped taking new players
 * @param drainDeadline while draining, when (epoch ms) it closes the sessions left; 0 otherwise
 */
public record NodeInfo(String id, String address, String admin, long startedAt, String state, long drainDeadline) {
    public static final String SERVING = "serving";
    public static final String DRAINING = "draining";

    public NodeInfo {
        state = DRAINING.equals(state) ? DRAINING : SERVING;
        drainDeadline = DRAINING.equals(state) ? Math.max(0, drainDeadline) : 0;
    }

    /** A serving node. */
    public NodeInfo(String id, String address, String admin, long startedAt) {
        this(id, address, admin, startedAt, SERVING, 0);
    }

    public boolean draining() {
        return DRAINING.equals(state);
    }

    /** This node, draining until {@code deadline}. */
    public NodeInfo drainingUntil(long deadline) {
        return new NodeInfo(id, address, admin, startedAt, DRAINING, deadline);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("id", id).put("address", address).put("admin", admin)
                .put("startedAt", startedAt).put("state", state);
        return draining() ? json.put("drainDeadline", drainDeadline) : json;
    }

    /** An entry another member wrote: a state or deadline of the wrong type reads as serving. */
    public static NodeInfo fromJson(JsonObject json) {
        String state = json.getValue("state") instanceof String s ? s : SERVING;
        long deadline = json.getValue("drainDeadline") instanceof Number n ? n.longValue() : 0;
        return new NodeInfo(json.getString("id", ""), json.getString("address", ""), json.getString("admin", ""),
                json.getLong("startedAt", 0L), state, deadline);
    }
}
