package dev.gamma.route;

import dev.gamma.protocol.PacketTable;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A backend's server-list answer as the nodes share it: the status JSON and when it was fetched (the fetching
 * node's clock, millis). Read back, it is checked before anyone is served it.
 */
record SharedStatus(String json, long fetchedAt) {
    /** Room for a favicon (at most 20 KiB) and a long description; a larger answer stays with the node that got it. */
    static final int MAX_JSON_CHARS = 65_536;
    /** Nodes' clocks agree within this, as the cluster's freshness checks already require. */
    static final long MAX_AHEAD_MILLIS = 30_000;

    private static final Set<Integer> SHARED_VERSIONS = Set.copyOf(PacketTable.knownVersions());

    /**
     * The key shared by every node for this answer, or null when it is not shared: clients choose the protocol
     * version, so only the versions this node knows are shared, and any other stays in this node's own bounded cache.
     */
    static String key(Route route, int protocolVersion) {
        if (!SHARED_VERSIONS.contains(protocolVersion)) {
            return null;
        }
        // the ping carries the rewrite host, so an answer fetched with another one is another answer
        return route.name() + "|" + route.backends().get(0) + "|" + route.rewriteHost() + "|" + protocolVersion;
    }

    /** Whether this node shares an answer it fetched: a JSON object of bounded size, as {@link #read} accepts. */
    static boolean shareable(String json) {
        return json != null && json.length() <= MAX_JSON_CHARS && isObject(json);
    }

    JsonObject toJson() {
        return new JsonObject().put("json", json).put("fetchedAt", fetchedAt);
    }

    /** When the answer in {@code value} was fetched as it claims, or 0: a number's read, to skip values already seen. */
    static long stamp(JsonObject value) {
        return value != null && value.getValue("fetchedAt") instanceof Number number ? number.longValue() : 0;
    }

    /**
     * The answer in {@code value} when it is well formed: a JSON object of bounded size, fetched at a time no later
     * than the clocks' disagreement allows (and taken as {@code now} when it is ahead). Else null.
     */
    static SharedStatus read(JsonObject value, long now) {
        long fetchedAt = stamp(value);
        if (fetchedAt <= 0 || fetchedAt > now + MAX_AHEAD_MILLIS
                || !(value.getValue("json") instanceof String json) || !shareable(json)) {
            return null;
        }
        return new SharedStatus(json, Math.min(fetchedAt, now));
    }

    private static boolean isObject(String json) {
        try {
            new JsonObject(json);
            return true;
        } catch (DecodeException | ClassCastException e) {
            return false;
        }
    }
}
