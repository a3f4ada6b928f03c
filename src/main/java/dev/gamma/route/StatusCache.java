package dev.gamma.route;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Server-list answers per route, keyed by the route's primary backend and the client's protocol version.
 * One backend ping is in flight per key at a time (concurrent requests share it); a stale entry is served
 * at once while it refreshes; the last good answer is kept while the backend is down. A key that never got
 * an answer fails, and the caller shows the route's fallback status.
 *
 * <p>Answers are shared with the other nodes (see {@link StatusShare}), so the fleet pings a backend about once per
 * TTL: the key's owner refreshes it when it goes stale, the others take the shared answer from their copy. A node
 * with nothing to serve asks the backend itself, and a node next in line takes over a key whose shared answer is
 * overdue by one TTL per place (a dead owner, or one no player asks), so nothing waits on the cluster.
 */
public final class StatusCache {
    /** Pings a route's backends (in order, first answer wins) for the status JSON of a protocol version. */
    public interface Fetcher {
        Future<String> fetch(Route route, int protocolVersion);
    }

    static final int MAX_ENTRIES = 1024;
    /**
     * Of those, for protocol versions this node does not know (a scanner's, or a release newer than the node): a
     * client sending a new one with every ping takes the room of no real version's answer, only of another of these.
     */
    static final int MAX_UNKNOWN_VERSIONS = 64;
    /**
     * After a ping that failed, the next waits this long (or the TTL, if shorter): a backend that is down is asked
     * about once a second per node, not once per server-list ping.
     */
    static final long RETRY_MILLIS = 1_000;

    private record Key(String route, Backend backend, int protocolVersion) {}

    private static final class Entry {
        StatusBody body;
        long fetchedAt;
        boolean fetchedHere;
        /** The latest stamp read from the share, valid or not, so the same value is not read again. */
        long sharedSeen;
        Future<StatusBody> inFlight;
        long failedAt = Long.MIN_VALUE / 2;
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Map<Key, Entry> unknownVersions = new ConcurrentHashMap<>();
    private final Fetcher fetcher;
    private final StatusShare share;
    private final LongSupplier clock;
    private final LongAdder hits = new LongAdder();
    private final LongAdder sharedHits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private volatile long clearedAt;

    /** {@code clock} is the wall clock in millis: answers carry the time they were fetched from node to node. */
    public StatusCache(Fetcher fetcher, StatusShare share, LongSupplier clock) {
        this.fetcher = fetcher;
        this.share = share;
        this.clock = clock;
    }

    public Future<String> get(Route route, int protocolVersion) {
        return body(route, protocolVersion).map(StatusBody::json);
    }

    /** As {@link #get}, with the answer kept whole so that what is parsed from it is parsed once per answer. */
    public Future<StatusBody> body(Route route, int protocolVersion) {
        Key key = new Key(route.name(), route.backends().get(0), protocolVersion);
        String sharedKey = SharedStatus.key(route, protocolVersion);
        Map<Key, Entry> map = sharedKey != null ? entries : unknownVersions; // only known versions are shared
        Entry entry = map.get(key);
        if (entry == null) { // evicted outside computeIfAbsent, which must not change the map
            evictIfFull(map, map == entries ? MAX_ENTRIES - MAX_UNKNOWN_VERSIONS : MAX_UNKNOWN_VERSIONS);
            entry = map.computeIfAbsent(key, k -> new Entry());
        }
        long ttl = route.statusCacheTtl().toMillis();
        synchronized (entry) {
            long now = clock.getAsLong();
            if (!fresh(entry, now, ttl) && sharedKey != null) {
                takeShared(entry, sharedKey, now);
            }
            if (fresh(entry, now, ttl)) {
                (entry.fetchedHere ? hits : sharedHits).increment();
                return Future.succeededFuture(entry.body);
            }
            misses.increment();
            boolean due = entry.body == null || sharedKey == null
                    || now - entry.fetchedAt >= ttl + share.rank(sharedKey) * ttl;
            if (due && (entry.inFlight != null || now - entry.failedAt >= Math.min(ttl, RETRY_MILLIS))) {
                Future<StatusBody> refresh = refresh(entry, route, protocolVersion, sharedKey);
                if (entry.body == null) {
                    return refresh;
                }
            } else if (entry.body == null) {
                return Future.failedFuture("the backend did not answer the last status ping; asked again shortly");
            }
            return Future.succeededFuture(entry.body);
        }
    }

    /** Answers served fresh that this node fetched. */
    public long hits() {
        return hits.sum();
    }

    /** Answers served fresh that another node fetched and shared. */
    public long sharedHits() {
        return sharedHits.sum();
    }

    /** Answers that were stale or missing: served stale, or waited for. */
    public long misses() {
        return misses.sum();
    }

    int size() {
        return entries.size() + unknownVersions.size();
    }

    /**
     * Forgets every answer fetched until now, e.g. after the route table changed: this node's entries, and shared
     * answers fetched earlier are not taken any more, so a configuration change shows the fallback of a backend that
     * no longer answers (a maintenance window) on every node. A changed backend or host is a new key anyway; the
     * old keys' shared answers expire from the table.
     */
    public void clear() {
        clearedAt = clock.getAsLong();
        entries.clear();
        unknownVersions.clear();
    }

    private static boolean fresh(Entry entry, long now, long ttl) {
        return entry.body != null && now - entry.fetchedAt < ttl;
    }

    private void takeShared(Entry entry, String sharedKey, long now) {
        JsonObject value = share.get(sharedKey);
        long stamp = SharedStatus.stamp(value);
        if (stamp <= entry.fetchedAt || stamp <= entry.sharedSeen || stamp < clearedAt) {
            return;
        }
        entry.sharedSeen = stamp;
        SharedStatus answer = SharedStatus.read(value, now);
        if (answer != null && answer.fetchedAt() > entry.fetchedAt) {
            entry.body = new StatusBody(answer.json());
            entry.fetchedAt = answer.fetchedAt();
            entry.fetchedHere = false;
        }
    }

    private Future<StatusBody> refresh(Entry entry, Route route, int protocolVersion, String sharedKey) {
        if (entry.inFlight != null) {
            return entry.inFlight;
        }
        Promise<StatusBody> promise = Promise.promise();
        entry.inFlight = promise.future();
        // an answer is as old as the question: one asked before a clear() is older than the clear, here and in the
        // fleet, however late it comes
        long fetchedAt = clock.getAsLong();
        fetcher.fetch(route, protocolVersion).onComplete(result -> {
            StatusBody body = result.succeeded() ? new StatusBody(result.result()) : null;
            synchronized (entry) {
                entry.inFlight = null;
                if (body == null) {
                    entry.failedAt = clock.getAsLong();
                } else {
                    entry.body = body;
                    entry.fetchedAt = fetchedAt;
                    entry.fetchedHere = true;
                }
            }
            if (result.succeeded()) {
                if (sharedKey != null && SharedStatus.shareable(result.result())) {
                    share.put(sharedKey, new SharedStatus(result.result(), fetchedAt).toJson());
                }
                promise.complete(body);
            } else {
                promise.fail(result.cause());
            }
        });
        return promise.future();
    }

    private static void evictIfFull(Map<Key, Entry> entries, int most) {
        // Protocol versions come from clients, so the key space is theirs to inflate: keep it bounded.
        Iterator<Key> keys = entries.keySet().iterator();
        while (entries.size() >= most && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
