package dev.gamma.cluster;

import dev.gamma.route.WakeState;
import io.vertx.core.json.JsonObject;
import java.util.function.LongSupplier;

/**
 * Routes' wake states as the fleet shares them, in {@link SharedTable.Name#WAKE}: route name →
 * {@code {"state": "awake"|"asleep"|"starting", "since": millis}}, written by the node in charge of the route. A
 * value of any other shape, or one its writer has not renewed for {@value #FRESH_MILLIS} ms, reads as unknown (null).
 */
public final class WakeTable {
    /** The writer renews every few seconds; past this its word no longer counts. */
    static final long FRESH_MILLIS = 30_000;

    /** A state and when it began (the writer's clock, millis). */
    public record Entry(WakeState state, long since) {}

    private final SharedTable table;
    private final LongSupplier clock;

    /** @param clock wall-clock millis, to compare with writers' stamps */
    public WakeTable(SharedTable table, LongSupplier clock) {
        this.table = table;
        this.clock = clock;
    }

    /** Never waits: this node's copy; null when unknown. */
    public Entry entry(String route) {
        JsonObject value = table.get(route);
        if (value == null || table.writtenAt(route) < clock.getAsLong() - FRESH_MILLIS) {
            return null;
        }
        WakeState state = WakeState.of(value.getValue("state"));
        Object since = value.getValue("since");
        if (state == null || !(since instanceof Long || since instanceof Integer)) {
            return null;
        }
        return new Entry(state, ((Number) since).longValue());
    }

    /** Null when unknown. */
    public WakeState state(String route) {
        Entry entry = entry(route);
        return entry == null ? null : entry.state();
    }

    /** Tells the fleet where {@code route} stands; never waits. */
    public void write(String route, Entry entry) {
        table.put(route, new JsonObject().put("state", entry.state().label()).put("since", entry.since()));
    }
}
