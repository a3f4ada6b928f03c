package dev.gamma.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The cluster route table in the sealed map {@value #MAP} (host → {@link SharedRoute}), with deletions of routes
 * in the sealed map {@value #TOMBSTONES} (host → {@code {deletedAt}}). Deletions have their own map so that the
 * route map holds only live routes (every reader can take it as it is), and so that a file route and the
 * deletion of an older API route for the same host can both exist: the deletion must outlive the file route's
 * arrival, or a node that missed the deletion would bring the API route back at the next full restart. Every node mirrors both, publishes a fresh immutable table on its context after each change,
 * and saves the API routes and deletions it knows to its own data-dir, so a full restart keeps them.
 *
 * <p>A removal counts only when a tombstone newer than the route records it (every node writes the tombstone
 * first), and a tombstone's removal only when an API route has replaced it: a stranger who deletes entries or
 * writes values that do not open changes nothing here, and {@link #repairBlocking()} puts the good values back.
 */
final class HazelcastRouteStore implements RouteStore {
    static final String MAP = "gamma-routes";
    static final String TOMBSTONES = "gamma-route-tombstones";

    private final Vertx vertx;
    private final SealedMap routes;
    private final SealedMap tombstones;
    private final RouteMerge merge;
    private final MapMirror<SharedRoute> mirror;
    private final MapMirror<Long> deletions;
    private final List<Consumer<Map<String, SharedRoute>>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean publishQueued = new AtomicBoolean();
    private final RouteSaver saver;
    private final TableWaiters waiters;
    private Map<String, SharedRoute> fileRoutes = Map.of(); // guarded by this
    private volatile Context context;
    private volatile Map<String, SharedRoute> table = Map.of();

    HazelcastRouteStore(Vertx vertx, SealedMap routes, SealedMap tombstones, RoutePersistence persistence) {
        this.vertx = vertx;
        this.routes = routes;
        this.tombstones = tombstones;
        this.merge = new RouteMerge(routes, tombstones);
        this.mirror = new MapMirror<>(routes, SharedRoute::fromJson, this::changed);
        this.deletions = new MapMirror<>(tombstones, json -> json.getLong("deletedAt", 0L), this::changed);
        mirror.guard(new MapMirror.Guard<>() {
            @Override
            public boolean replaces(String host, SharedRoute current, SharedRoute next) {
                return current == null || successor(current, next);
            }

            @Override
            public boolean removes(String host, SharedRoute current) {
                return recordedDeletion(host, current);
            }
        });
        deletions.guard(new MapMirror.Guard<>() {
            @Override
            public boolean replaces(String host, Long current, Long next) {
                return current == null || next >= current;
            }

            /** Only a PUT removes a tombstone, after writing an API route later than the deletion. */
            @Override
            public boolean removes(String host, Long deletedAt) {
                SharedRoute route = mirror.entries().get(host);
                return route != null && route.source() == SharedRoute.Source.API && route.updatedAt() > deletedAt;
            }
        });
        this.saver = new RouteSaver(persistence, this::persistedEntries);
        this.waiters = new TableWaiters(vertx);
    }

    @Override
    public Future<Void> start(List<SharedRoute> fileRoutes) {
        Context own = vertx.getOrCreateContext();
        return saver.load().compose(saved -> own.executeBlocking(() -> {
            merge.persisted(saved);
            // what this node wrote stands even if a value it cannot open replaces it before the first read
            replaceFileRoutesBlocking(fileRoutes).forEach(mirror::seed);
            deletions.startBlocking();
            mirror.startBlocking();
            return null;
        }, false)).onSuccess(v -> {
            context = own;
            publish();
        }).mapEmpty();
    }

    @Override
    public Future<Void> replaceFileRoutes(List<SharedRoute> fileRoutes) {
        Context caller = vertx.getOrCreateContext();
        return vertx.executeBlocking(() -> replaceFileRoutesBlocking(fileRoutes), false)
                .compose(written -> seen(caller, t -> written.values().stream().allMatch(route -> shows(t, route))));
    }

    @Override
    public Map<String, SharedRoute> snapshot() {
        return table;
    }

    /**
     * Completes once this node's table shows the route, so a read right after the write sees it. The route is
     * stamped later than the one it replaces and than the host's last deletion, whatever this node's clock says:
     * nodes refuse to go back, and a deletion must never outrank a later PUT.
     */
    @Override
    public Future<Void> put(SharedRoute given) {
        Context caller = vertx.getOrCreateContext();
        SharedRoute current = table.get(given.host());
        Long deletedAt = deletions.entries().get(given.host());
        long after = Math.max(current == null ? Long.MIN_VALUE : current.updatedAt(),
                deletedAt == null ? Long.MIN_VALUE : deletedAt);
        SharedRoute route = given.updatedAt() > after ? given
                : new SharedRoute(given.host(), given.route(), given.source(), after + 1);
        return HazelcastFutures.on(caller, routes.setAsync(route.host(), route.toJson()))
                .compose(v -> HazelcastFutures.on(caller, tombstones.removeAsync(route.host())))
                .compose(v -> seen(caller, t -> shows(t, route)));
    }

    /** The table holds {@code route}, or something written after it. */
    private static boolean shows(Map<String, SharedRoute> table, SharedRoute route) {
        SharedRoute now = table.get(route.host());
        return now != null && (RouteMerge.sameRoute(now, route) || now.updatedAt() > route.updatedAt());
    }

    /**
     * Removing a route first records its deletion (later than the route, whatever the clocks say), so that every
     * node can tell it from a stranger's deletion and a node that missed it does not bring an API route back.
     */
    @Override
    public Future<Boolean> remove(String host) {
        Context caller = vertx.getOrCreateContext();
        SharedRoute removed = table.get(host);
        if (removed == null) {
            return Future.succeededFuture(false);
        }
        return HazelcastFutures.on(caller, tombstones.setAsync(host, RouteMerge.tombstone(
                        RouteMerge.deletionTime(removed))))
                .compose(v -> HazelcastFutures.on(caller, routes.removeAsync(host)))
                .compose(old -> seen(caller, t -> !removed.equals(t.get(host))).map(true));
    }

    @Override
    public void onChange(Consumer<Map<String, SharedRoute>> listener) {
        listeners.add(listener);
    }

    /**
     * Blocking: reads both maps again (after a split-brain merge or a lost partition). With {@code restoreLost},
     * routes and deletions this node knew that the maps no longer hold are put back: they went with a lost
     * partition, as a removal would have come as an event.
     */
    void reloadBlocking(boolean restoreLost) {
        if (context == null) {
            return;
        }
        Map<String, SharedRoute> knownRoutes = Map.copyOf(mirror.entries());
        Map<String, Long> knownDeletions = Map.copyOf(deletions.entries());
        deletions.reloadBlocking();
        mirror.reloadBlocking();
        if (restoreLost) {
            knownDeletions.forEach(merge::restoreTombstone);
            knownRoutes.values().stream().filter(r -> !mirror.entries().containsKey(r.host()))
                    .forEach(r -> merge.restore(r, (lost, existing) -> true));
        }
    }

    /**
     * Blocking: puts back what a stranger removed or overwrote (see the class comment). A removal whose tombstone
     * arrived after it is applied now instead.
     */
    void repairBlocking() {
        for (String host : mirror.damaged()) {
            SharedRoute route = mirror.entries().get(host);
            if (route == null) {
                continue;
            }
            if (recordedDeletion(host, route)) {
                mirror.forget(host, route);
            } else {
                merge.restore(route, HazelcastRouteStore::successor);
            }
        }
        for (String host : deletions.damaged()) {
            Long deletedAt = deletions.entries().get(host);
            if (deletedAt != null) {
                merge.restoreTombstone(host, deletedAt);
            }
        }
    }

    MapMirror<SharedRoute> mirror() {
        return mirror;
    }

    /** Blocking: seals every route and tombstone again that a key other than this node's current one sealed. */
    void resealBlocking() {
        java.util.Set<String> hosts = new java.util.HashSet<>(mirror.entries().keySet());
        hosts.addAll(deletions.entries().keySet());
        merge.reseal(hosts);
    }

    /**
     * Whether {@code next} may replace {@code current}: nodes never replace an API route with a file route, nor
     * with an older one, so such a change is an old value put back.
     */
    private static boolean successor(SharedRoute current, SharedRoute next) {
        return current.source() != SharedRoute.Source.API
                || next.source() == SharedRoute.Source.API && next.updatedAt() >= current.updatedAt();
    }

    /** When {@code host}'s route was last deleted, as this node knows it, or null. */
    Long deletionOf(String host) {
        return deletions.entries().get(host);
    }

    /** True when a tombstone newer than {@code route} records the deletion of its host. */
    private boolean recordedDeletion(String host, SharedRoute route) {
        Long deletedAt = deletions.entries().get(host);
        return deletedAt != null && deletedAt > route.updatedAt();
    }

    /** True once after a partition of either map was lost (see {@link MapMirror#takeStale()}). */
    boolean takeStale() {
        boolean routesStale = mirror.takeStale();
        return deletions.takeStale() || routesStale;
    }

    /** Answers once what this node knows is on its disk (before leaving). */
    Future<Void> flush() {
        Context own = context;
        return own == null ? Future.succeededFuture() : Future.future(p -> own.runOnContext(v -> saver.save().onComplete(p)));
    }

    /** The routes it wrote. */
    private synchronized Map<String, SharedRoute> replaceFileRoutesBlocking(List<SharedRoute> next) {
        Map<String, SharedRoute> byHost = new HashMap<>();
        next.forEach(route -> byHost.put(route.host(), route));
        fileRoutes.values().stream().filter(r -> !byHost.containsKey(r.host())).forEach(merge::dropFile);
        Map<String, SharedRoute> written = new HashMap<>();
        byHost.values().stream().filter(merge::file).forEach(route -> written.put(route.host(), route));
        fileRoutes = Map.copyOf(byHost);
        return written;
    }

    /** On a Hazelcast event thread: one publication on the context covers every change made until it runs. */
    private void changed() {
        Context own = context;
        if (own != null && publishQueued.compareAndSet(false, true)) {
            own.runOnContext(v -> publish());
        }
    }

    private void publish() {
        publishQueued.set(false);
        table = Map.copyOf(mirror.entries());
        listeners.forEach(listener -> listener.accept(table));
        waiters.published(table);
        saver.save();
    }

    private Future<Void> seen(Context caller, Predicate<Map<String, SharedRoute>> done) {
        Context own = context;
        if (own == null) {
            return Future.succeededFuture();
        }
        return Future.fromCompletionStage(waiters.await(own, () -> table, done), caller);
    }

    private List<RoutePersistence.Entry> persistedEntries() {
        Map<String, RoutePersistence.Entry> entries = new HashMap<>();
        deletions.entries().forEach((host, at) -> entries.put(host, new RoutePersistence.Entry(host, null, at)));
        table.values().stream().filter(r -> r.source() == SharedRoute.Source.API)
                .forEach(r -> entries.put(r.host(), new RoutePersistence.Entry(r.host(), r.route(), r.updatedAt())));
        return entries.values().stream().sorted(Comparator.comparing(RoutePersistence.Entry::host)).toList();
    }
}
