package dev.gamma.tui;

import dev.gamma.client.Formats;
import io.vertx.core.json.JsonObject;

/**
 * One cluster member as {@code GET /api/nodes} describes it, made {@link Cells#text}.
 *
 * @param drainDeadline while {@code state} is draining, when (epoch ms) the node closes the sessions left; else 0
 */
record NodeRow(String id, String address, String admin, long players, long startedAt, String state,
        long drainDeadline) {
    static final String DRAINING = "draining";

    NodeRow(String id, String address, String admin, long players, long startedAt) {
        this(id, address, admin, players, startedAt, "serving", 0);
    }

    static NodeRow fromJson(JsonObject json) {
        long deadline = json.getValue("drainDeadline") instanceof Number n ? n.longValue() : 0;
        String state = Cells.text(json, "state");
        return new NodeRow(Cells.text(json, "id"), Cells.text(json, "address"), Cells.text(json, "admin"),
                json.getLong("players", 0L), json.getLong("startedAt", 0L), state.isEmpty() ? "serving" : state,
                deadline);
    }

    /** {@code serving}, or {@code draining 4m 10s}: the time left before the node closes its sessions. */
    String stateCell(long nowMillis) {
        return DRAINING.equals(state) ? DRAINING + " " + Formats.duration(Math.max(0, drainDeadline - nowMillis))
                : state;
    }
}
