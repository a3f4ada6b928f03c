package dev.gamma.route;

import io.vertx.core.Future;
import io.vertx.core.Promise;
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
 */
public final class StatusCache {
    /** Pings a route's backends (in order, first answer wins) for the status JSON of a protocol version. */
    public interface Fetcher {
        Future<String> fetch(Route route, int protocolVersion);
    }

    static final int MAX_ENTRIES = 1024;

    private record Key(String route, Backend backend, int protocolVersion) {}

    private static final class Entry {
        StatusBody body;
        long fetchedAt;
        Future<StatusBody> inFlight;
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Fetcher fetcher;
    private final LongSupplier nanoClock;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public StatusCache(Fetcher fetcher, LongSupplier nanoClock) {
        this.fetcher = fetcher;
        this.nanoClock = nanoClock;
    }

    public Future<String> get(Route route, int protocolVersion) {
        return body(route, protocolVersion).map(StatusBody::json);
    }

    /** As {@link #get}, with the answer kept whole so that what is parsed from it is parsed once per answer. */
    public Future<StatusBody> body(Route route, int protocolVersion) {
        Key key = new Key(route.name(), route.backends().get(0), protocolVersion);
        Entry entry = entries.computeIfAbsent(key, k -> {
            evictIfFull();
            return new Entry();
        });
        synchronized (entry) {
            boolean fresh = entry.body != null
                    && nanoClock.getAsLong() - entry.fetchedAt < route.statusCacheTtl().toNanos();
            if (fresh) {
                hits.increment();
                return Future.succeededFuture(entry.body);
            }
            misses.increment();
            Future<StatusBody> refresh = refresh(entry, route, protocolVersion);
            return entry.body != null ? Future.succeededFuture(entry.body) : refresh;
        }
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    int size() {
        return entries.size();
    }

    /** Drops every entry, e.g. after the route table changed. */
    public void clear() {
        entries.clear();
    }

    private Future<StatusBody> refresh(Entry entry, Route route, int protocolVersion) {
        if (entry.inFlight != null) {
            return entry.inFlight;
        }
        Promise<StatusBody> promise = Promise.promise();
        entry.inFlight = promise.future();
        fetcher.fetch(route, protocolVersion).onComplete(result -> {
            StatusBody body = result.succeeded() ? new StatusBody(result.result()) : null;
            synchronized (entry) {
                entry.inFlight = null;
                if (body != null) {
                    entry.body = body;
                    entry.fetchedAt = nanoClock.getAsLong();
                }
            }
            if (body != null) {
                promise.complete(body);
            } else {
                promise.fail(result.cause());
            }
        });
        return promise.future();
    }

    private void evictIfFull() {
        // Protocol versions come from clients, so the key space is theirs to inflate: keep it bounded.
        Iterator<Key> keys = entries.keySet().iterator();
        while (entries.size() >= MAX_ENTRIES && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
