package dev.gamma.route;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** A route's {@code health} key in the route's JSON form: written only when the route has checks. */
final class HealthJson {
    private HealthJson() {}

    static JsonObject encode(HealthCheck check) {
        return new JsonObject()
                .put("interval", RouteJson.durationText(check.interval()))
                .put("timeout", RouteJson.durationText(check.timeout()))
                .put("fails", check.fails())
                .put("passes", check.passes());
    }

    /** Null (no checks) for an absent key; throws {@link IllegalArgumentException} naming what is wrong. */
    static HealthCheck decode(JsonFields f) {
        if (f == null) {
            return null;
        }
        Duration interval = f.checked("interval", f.string("interval", "5s"), RouteJson::parseDuration);
        Duration timeout = f.checked("timeout", f.string("timeout", "2s"), RouteJson::parseDuration);
        int fails = f.count("fails", HealthCheck.DEFAULT_FAILS);
        int passes = f.count("passes", HealthCheck.DEFAULT_PASSES);
        f.finish();
        try {
            return new HealthCheck(interval, timeout, fails, passes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("health: " + e.getMessage());
        }
    }
}
