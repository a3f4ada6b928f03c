package dev.gamma.cluster;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking, compare-and-set writes that bring one node's routes into the shared table without losing what
 * other nodes put there at the same moment (several nodes start together after a full restart). A value that does
 * not open counts as no value: it is written over. Every removal records a sealed tombstone first, so that members
 * can tell it from a stranger's deletion. Call from a worker thread only.
 */
final class RouteMerge {
    private static final Logger LOG = LoggerFactory.getLogger(RouteMerge.class);
    // a compare-and-set loses only to another write of the same host; a few rounds settle any real race
    private static final int ATTEMPTS = 16;
    private static final String SOURCE = "this node's read";

    private final SealedMap routes;
    private final SealedMap tombstones;

    RouteMerge(SealedMap routes, SealedMap tombstones) {
        this.routes = routes;
        this.tombstones = tombstones;
    }

    /**
     * What this node saved before a restart: an API route goes in unless the table has a newer API route or a
     * newer deletion of it; a deletion removes an older API route and is shared, so that a node that was down
     * when the route was deleted does not bring it back.
     */
    void persisted(List<RoutePersistence.Entry> saved) {
        for (RoutePersistence.Entry entry : saved) {
            if (entry.deleted()) {
                deletion(entry.host(), entry.updatedAt());
            } else {
                Long deleted = tombstoneTime(entry.host());
                if (deleted == null || deleted < entry.updatedAt()) {
                    api(new SharedRoute(entry.host(), entry.route(), SharedRoute.Source.API, entry.updatedAt()));
                }
            }
        }
    }

    /**
     * A route of this node's file: written where the host has no route or another file route (so a changed
     * file takes effect in a running cluster); never over an API route. True when this call wrote it.
     */
    boolean file(SharedRoute route) {
        return writeUnless(route,
                existing -> existing.source() == SharedRoute.Source.API || sameRoute(existing, route));
    }

    /** Removes a file route this node wrote earlier, unless something else was written there since. */
    void dropFile(SharedRoute previous) {
        Object current = routes.hazelcast().get(previous.host());
        SharedRoute existing = decode(previous.host(), current);
        if (existing != null && existing.source() == SharedRoute.Source.FILE && sameRoute(existing, previous)) {
            raiseTombstone(previous.host(), deletionTime(existing));
            routes.hazelcast().remove(previous.host(), current);
        }
    }

    /**
     * Puts back a route that a stranger deleted, overwrote or replaced with an older one, unless the host holds a
     * route by now that {@code acceptable} takes as a successor of it.
     */
    void restore(SharedRoute route, java.util.function.BiPredicate<SharedRoute, SharedRoute> acceptable) {
        writeUnless(route, existing -> acceptable.test(route, existing));
    }

    /** Puts back a tombstone that a stranger deleted or overwrote. */
    void restoreTombstone(String host, long deletedAt) {
        raiseTombstone(host, deletedAt);
    }

    /** Seals again, with the key this node seals with now, each value that another key sealed. */
    void reseal(Iterable<String> hosts) {
        for (String host : hosts) {
            reseal(routes, host);
            reseal(tombstones, host);
        }
    }

    private void reseal(SealedMap map, String host) {
        Object current = map.hazelcast().get(host);
        if (current != null && !map.sealedWithCurrentKey(current)) {
            JsonObject value = map.open(host, current, SOURCE);
            if (value != null) {
                map.hazelcast().replace(host, current, map.seal(host, value));
            }
        }
    }

    private void api(SharedRoute route) {
        writeUnless(route, existing -> existing.source() == SharedRoute.Source.API
                && existing.updatedAt() >= route.updatedAt());
    }

    /**
     * Puts {@code route} with compare-and-set retries, unless what is there already (and opens) should stay. True
     * when it was written.
     */
    private boolean writeUnless(SharedRoute route, Predicate<SharedRoute> keepExisting) {
        byte[] next = routes.seal(route.host(), route.toJson());
        for (int i = 0; i < ATTEMPTS; i++) {
            Object current = routes.hazelcast().get(route.host());
            if (current == null) {
                if (routes.hazelcast().putIfAbsent(route.host(), next) == null) {
                    return true;
                }
                continue;
            }
            SharedRoute existing = decode(route.host(), current);
            if (existing != null && keepExisting.test(existing)) {
                return false;
            }
            if (routes.hazelcast().replace(route.host(), current, next)) {
                return true;
            }
        }
        LOG.warn("gave up writing the route of {}: it changed {} times meanwhile", route.host(), ATTEMPTS);
        return false;
    }

    private void deletion(String host, long deletedAt) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Object current = routes.hazelcast().get(host);
            SharedRoute existing = decode(host, current);
            if (existing != null && existing.source() == SharedRoute.Source.API) {
                if (existing.updatedAt() >= deletedAt) {
                    return; // put again after the deletion: the deletion is history
                }
                raiseTombstone(host, deletedAt);
                if (!routes.hazelcast().remove(host, current)) {
                    continue;
                }
                return;
            }
            raiseTombstone(host, deletedAt);
            return;
        }
    }

    private void raiseTombstone(String host, long deletedAt) {
        byte[] next = tombstones.seal(host, tombstone(deletedAt));
        for (int i = 0; i < ATTEMPTS; i++) {
            Object current = tombstones.hazelcast().get(host);
            if (current == null) {
                if (tombstones.hazelcast().putIfAbsent(host, next) == null) {
                    return;
                }
                continue;
            }
            JsonObject existing = tombstones.open(host, current, SOURCE);
            if (existing != null && existing.getLong("deletedAt", 0L) >= deletedAt) {
                return;
            }
            if (tombstones.hazelcast().replace(host, current, next)) {
                return;
            }
        }
    }

    /** A deletion later than the route, whatever the clocks of the nodes that wrote them say. */
    static long deletionTime(SharedRoute removed) {
        return Math.max(System.currentTimeMillis(), removed.updatedAt() + 1);
    }

    static JsonObject tombstone(long deletedAt) {
        return new JsonObject().put("deletedAt", deletedAt);
    }

    private Long tombstoneTime(String host) {
        JsonObject value = tombstones.open(host, tombstones.hazelcast().get(host), SOURCE);
        return value == null ? null : value.getLong("deletedAt", 0L);
    }

    private SharedRoute decode(String host, Object raw) {
        JsonObject json = routes.open(host, raw, SOURCE);
        try {
            return json == null ? null : SharedRoute.fromJson(json);
        } catch (RuntimeException e) {
            routes.reject(host, SOURCE, "not a route: " + e.getMessage());
            return null;
        }
    }

    /** Same route, whatever the time stamps: rewriting it would only churn every node's table. */
    static boolean sameRoute(SharedRoute a, SharedRoute b) {
        return a.source() == b.source() && Objects.equals(a.route(), b.route());
    }
}
