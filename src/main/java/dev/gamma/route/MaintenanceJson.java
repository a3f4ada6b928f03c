package dev.gamma.route;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A route's {@code maintenance} key in the route's JSON form, and the body of
 * {@code PUT /api/routes/{host}/maintenance}: written only when it is not {@link Maintenance#OFF}, so that a node
 * of an earlier release still reads every other route.
 */
public final class MaintenanceJson {
    private MaintenanceJson() {}

    public static JsonObject encode(Maintenance maintenance) {
        return new JsonObject()
                .put("enabled", maintenance.enabled())
                .put("motd", maintenance.motd())
                .put("message", maintenance.message())
                .put("allow", new JsonArray(maintenance.allow()))
                .put("kick-current", maintenance.kickCurrent());
    }

    /**
     * Reads a maintenance object: every key optional, unknown keys refused. Throws {@link IllegalArgumentException}
     * naming the key that is wrong.
     */
    public static Maintenance decode(JsonObject json) {
        return decode(new JsonFields(json, ""));
    }

    static void encodeInto(Route route, JsonObject json) {
        if (!route.maintenance().equals(Maintenance.OFF)) {
            json.put("maintenance", encode(route.maintenance()));
        }
    }

    /** {@link Maintenance#OFF} for an absent key. */
    static Maintenance decode(JsonFields f) {
        if (f == null) {
            return Maintenance.OFF;
        }
        boolean enabled = f.bool("enabled", false);
        String motd = f.string("motd", "");
        String message = f.string("message", "");
        List<String> allow = f.list("allow", name -> name);
        boolean kickCurrent = f.bool("kick-current", false);
        f.finish();
        String problem = Maintenance.problem(motd, message, allow == null ? List.of() : allow);
        if (problem != null) {
            throw new IllegalArgumentException(f.path(problem));
        }
        return new Maintenance(enabled, motd, message, allow == null ? List.of() : allow, kickCurrent);
    }
}
