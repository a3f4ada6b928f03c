package dev.gamma.cluster;

import io.vertx.core.json.JsonObject;

/**
 * One entry of the cluster route table: a hostname and its route object (the same keys as a route in the
 * YAML file, as JSON). File routes come from a node's configuration file; API routes from
 * {@code PUT /api/routes/{host}} and win over file routes for the same host.
 *
 * @param updatedAt wall-clock millis of the last change, to merge persisted tables after a full restart
 */
public record SharedRoute(String host, JsonObject route, Source source, long updatedAt) {

    public enum Source { FILE, API }

    public JsonObject toJson() {
        return new JsonObject().put("host", host).put("route", route)
                .put("source", source.name().toLowerCase()).put("updatedAt", updatedAt);
    }

    public static SharedRoute fromJson(JsonObject json) {
        return new SharedRoute(json.getString("host"), json.getJsonObject("route", new JsonObject()),
                Source.valueOf(json.getString("source", "api").toUpperCase()), json.getLong("updatedAt", 0L));
    }
}
