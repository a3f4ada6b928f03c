package dev.gamma.cluster;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking, compare-and-set writes that bring one node's routes into the shared table without losing what
 * other nodes put there at the same moment (several nodes start together after a full restart). Call from a
 * worker thread only.
 */
final class RouteMerge {
    private static final Logger LOG = LoggerFactory.getLogger(RouteMerge.class);
    // a compare-and-set loses only to another write of the same host; a few rounds settle any real race
    private static final int ATTEMPTS = 16;

    private final IMap<String, HazelcastJsonValue> routes;
    private final IMap<String, HazelcastJsonValue> tombstones;

    RouteMerge(IMap<String, HazelcastJsonValue> routes, IMap<String, HazelcastJsonValue> tombstones) {
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
                Long deleted = tombstoneTime(tombstones.get(entry.host()));
                if (deleted == null || deleted < entry.updatedAt()) {
                    api(new SharedRoute(entry.host(), entry.route(), SharedRoute.Source.API, entry.updatedAt()));
                }
            }
        }
    }

    /**
     * A route of this node's file: written where the host has no route or another file route (so a changed
     * file takes effect in a running cluster); never over an API route.
     */
    void file(SharedRoute route) {
        writeUnless(route, existing -> existing.source() == SharedRoute.Source.API || sameRoute(existing, route));
    }

    /** Removes a file route this node wrote earlier, unless something else was written there since. */
    void dropFile(SharedRoute previous) {
        HazelcastJsonValue current = routes.get(previous.host());
        if (current != null) {
            SharedRoute existing = decode(current);
            if (existing.source() == SharedRoute.Source.FILE && sameRoute(existing, previous)) {
                routes.remove(previous.host(), current);
            }
        }
    }

    private void api(SharedRoute route) {
        writeUnless(route, existing -> existing.source() == SharedRoute.Source.API
                && existing.updatedAt() >= route.updatedAt());
    }

    /** Puts {@code route} with compare-and-set retries, unless what is there already should stay. */
    private void writeUnless(SharedRoute route, java.util.function.Predicate<SharedRoute> keepExisting) {
        HazelcastJsonValue next = json(route);
        for (int i = 0; i < ATTEMPTS; i++) {
            HazelcastJsonValue current = routes.get(route.host());
            if (current == null) {
                if (routes.putIfAbsent(route.host(), next) == null) {
                    return;
                }
                continue;
            }
            if (keepExisting.test(decode(current))) {
                return;
            }
            if (routes.replace(route.host(), current, next)) {
                return;
            }
        }
        LOG.warn("gave up writing the route of {}: it changed {} times meanwhile", route.host(), ATTEMPTS);
    }

    private void deletion(String host, long deletedAt) {
        for (int i = 0; i < ATTEMPTS; i++) {
            HazelcastJsonValue current = routes.get(host);
            SharedRoute existing = current == null ? null : decode(current);
            if (existing != null && existing.source() == SharedRoute.Source.API) {
                if (existing.updatedAt() >= deletedAt) {
                    return; // put again after the deletion: the deletion is history
                }
                if (!routes.remove(host, current)) {
                    continue;
                }
            }
            raiseTombstone(host, deletedAt);
            return;
        }
    }

    private void raiseTombstone(String host, long deletedAt) {
        HazelcastJsonValue next = tombstone(deletedAt);
        for (int i = 0; i < ATTEMPTS; i++) {
            HazelcastJsonValue current = tombstones.get(host);
            if (current == null) {
                if (tombstones.putIfAbsent(host, next) == null) {
                    return;
                }
            } else if (tombstoneTime(current) >= deletedAt || tombstones.replace(host, current, next)) {
                return;
            }
        }
    }

    static HazelcastJsonValue json(SharedRoute route) {
        return new HazelcastJsonValue(route.toJson().encode());
    }

    static HazelcastJsonValue tombstone(long deletedAt) {
        return new HazelcastJsonValue(new JsonObject().put("deletedAt", deletedAt).encode());
    }

    static Long tombstoneTime(HazelcastJsonValue value) {
        return value == null ? null : new JsonObject(value.getValue()).getLong("deletedAt", 0L);
    }

    private static SharedRoute decode(HazelcastJsonValue value) {
        return SharedRoute.fromJson(new JsonObject(value.getValue()));
    }

    /** Same route object, whatever the time stamps: rewriting it would only churn every node's table. */
    static boolean sameRoute(SharedRoute a, SharedRoute b) {
        return a.source() == b.source() && Objects.equals(a.route().encode(), b.route().encode());
    }
}
