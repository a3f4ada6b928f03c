package dev.gamma.cluster;

import dev.gamma.route.Backend;
import dev.gamma.route.BackendState;
import dev.gamma.route.Route;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Backends' health as the fleet shares it, in {@link SharedTable.Name#HEALTH}: {@code host:port} →
 * {@code {"state": "up"|"down"}}. Only backends a route names are ever looked up, so entries for others are
 * ignored; a value of any other shape, or one its writer has not renewed for {@value #FRESH_MILLIS} ms (its checker
 * is gone), reads as unknown.
 */
public final class HealthTable {
    /** The checker writes every few seconds; past this its word no longer counts. */
    static final long FRESH_MILLIS = 30_000;

    private final SharedTable table;
    private final LongSupplier clock;

    /** @param clock wall-clock millis, to compare with writers' stamps */
    public HealthTable(SharedTable table, LongSupplier clock) {
        this.table = table;
        this.clock = clock;
    }

    /** Never waits: this node's copy. */
    public BackendState state(Backend backend) {
        String key = backend.toString();
        JsonObject value = table.get(key);
        if (value == null || table.writtenAt(key) < clock.getAsLong() - FRESH_MILLIS) {
            return BackendState.UNKNOWN;
        }
        Object state = value.getValue("state");
        if ("up".equals(state)) {
            return BackendState.UP;
        }
        return "down".equals(state) ? BackendState.DOWN : BackendState.UNKNOWN;
    }

    /**
     * The state of each of {@code route}'s backends as that route uses them: unknown throughout for a route without
     * health checks, which never skips a backend.
     */
    public Map<Backend, BackendState> states(Route route) {
        Map<Backend, BackendState> states = new LinkedHashMap<>();
        for (Backend backend : route.backends()) {
            states.put(backend, route.health() == null ? BackendState.UNKNOWN : state(backend));
        }
        return states;
    }

    /** When this node's copy of {@code backend}'s entry was written (the writer's clock), 0 for none. */
    public long writtenAt(Backend backend) {
        return table.writtenAt(backend.toString());
    }

    /** Tells the fleet that {@code backend} is up or down; never waits. */
    public void write(Backend backend, BackendState state) {
        if (state == BackendState.UNKNOWN) {
            throw new IllegalArgumentException("only up or down is shared");
        }
        table.put(backend.toString(), new JsonObject().put("state", state.label()));
    }
}
