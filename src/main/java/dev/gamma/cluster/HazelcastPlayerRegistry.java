package dev.gamma.cluster;

import com.hazelcast.query.Predicates;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The players of the whole cluster in the sealed map {@value #MAP}: connection id → {@link PlayerEntry}. The key is
 * the opaque session id (the node id, a dash, a counter), never a name or an address. Each entry carries its
 * writer's time ({@link Freshness}) and is written again at least every {@value #REFRESH_MILLIS} ms while the
 * session lives, so an old entry put back is refused. Reads come from the local mirror; this node's own writes are
 * gathered for a few milliseconds and sent together ({@link PlayerWrites}), answered on the caller's context.
 */
final class HazelcastPlayerRegistry implements PlayerRegistry {
    static final String MAP = "gamma-players";
    static final long REFRESH_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastPlayerRegistry.class);

    private final Vertx vertx;
    private final Context home;
    private final String selfId;
    private final SealedMap map;
    private final MapMirror<Stamped<PlayerEntry>> mirror;
    private final PlayerIndex index; // other nodes' players, from the mirror
    private final PlayerIndex ownIndex; // this node's, from own
    private final PlayerWrites writes;
    // this node's entries as last put, to put again when a healed split or a stranger lost them
    private final Map<String, Stamped<PlayerEntry>> own = new ConcurrentHashMap<>();
    private final AtomicLong lastStamp = new AtomicLong();
    // nodes that held entries but were not members at the last sweep: removed if still absent at the next one
    private final Set<String> suspects = new HashSet<>();

    /** {@code home} answers the writes of callers outside any Vert.x context (a socket's close, on its event loop). */
    HazelcastPlayerRegistry(Vertx vertx, Context home, String selfId, SealedMap map) {
        this.vertx = vertx;
        this.home = home;
        this.selfId = selfId;
        this.map = map;
        this.index = new PlayerIndex(selfId);
        this.ownIndex = new PlayerIndex(selfId);
        this.writes = new PlayerWrites(home, map, HazelcastPlayerRegistry::json);
        this.mirror = new MapMirror<>(map, json -> new Stamped<>(PlayerEntry.fromJson(json),
                json.getLong("writtenAt", 0L)), () -> { });
        // this node's own players are counted from own, at once, not when the cluster echoes them back
        mirror.onEntry((before, after) -> {
            PlayerEntry either = after != null ? after.value() : before.value();
            if (!either.node().equals(selfId)) {
                index.changed(before == null ? null : before.value(), after == null ? null : after.value());
            }
        });
        mirror.guard(new Freshness<>(Stamped::writtenAt, System::currentTimeMillis));
    }

    MapMirror<Stamped<PlayerEntry>> mirror() {
        return mirror;
    }

    @Override
    public Future<Void> put(PlayerEntry entry) {
        if (!entry.node().equals(selfId)) {
            return write(entry.id(), stamp(entry));
        }
        // stamped and handed to the writes under the entry's slot in own, so a refresh of the previous value (sweep)
        // cannot be stamped later than this one, nor written after the removal
        List<CompletableFuture<Void>> written = new ArrayList<>(1);
        own.compute(entry.id(), (id, last) -> {
            Stamped<PlayerEntry> stamped = stamp(entry);
            written.add(writes.put(id, stamped, last == null));
            ownIndex.changed(last == null ? null : last.value(), entry);
            return stamped;
        });
        return Future.fromCompletionStage(written.get(0), caller());
    }

    @Override
    public Future<Void> remove(String id) {
        // out of own first: a refresh (sweep) then either handed its put to the writes before, or finds nothing
        own.computeIfPresent(id, (key, last) -> {
            ownIndex.changed(last.value(), null);
            return null;
        });
        return Future.fromCompletionStage(writes.remove(id), caller());
    }

    /** Writes this node's entry {@code id} again as last put, unless it was removed meanwhile. */
    private void rewrite(String id) {
        own.computeIfPresent(id, (key, last) -> {
            Stamped<PlayerEntry> stamped = stamp(last.value());
            writes.put(key, stamped, false);
            return stamped;
        });
    }

    private Future<Void> write(String id, Stamped<PlayerEntry> stamped) {
        return HazelcastFutures.on(caller(), map.setAsync(id, json(stamped)));
    }

    /** Not {@code getOrCreateContext()}: on an event loop outside any context that makes a new context per call. */
    private Context caller() {
        Context current = Vertx.currentContext();
        return current != null ? current : home;
    }

    @Override
    public List<PlayerEntry> snapshot() {
        return mirror.entries().values().stream().map(Stamped::value).toList();
    }

    @Override
    public int onRoute(String route) {
        return ownIndex.onRoute(route) + index.onRoute(route);
    }

    @Override
    public List<PlayerEntry> sampleOnRoute(String route, int limit) {
        List<PlayerEntry> sample = new ArrayList<>(ownIndex.sampleOnRoute(route, limit));
        sample.addAll(index.sampleOnRoute(route, limit - sample.size()));
        return sample;
    }

    @Override
    public int elsewhereOnBackend(String backend) {
        return index.elsewhereOnBackend(backend);
    }

    @Override
    public List<PlayerEntry> named(String name) {
        List<PlayerEntry> mine = ownIndex.named(name);
        List<PlayerEntry> others = index.named(name);
        if (mine.isEmpty() || others.isEmpty()) {
            return mine.isEmpty() ? others : mine;
        }
        List<PlayerEntry> all = new ArrayList<>(mine);
        all.addAll(others);
        return all;
    }

    /**
     * Removes every entry whose {@code node} is {@code nodeId}; answers how many this member knew of. This node's
     * own entries go only when it leaves.
     */
    @Override
    public Future<Integer> removeNode(String nodeId) {
        if (nodeId.equals(selfId)) {
            own.keySet().forEach(id -> own.computeIfPresent(id, (key, last) -> {
                ownIndex.changed(last.value(), null);
                return null;
            }));
            writes.clear();
        }
        List<String> known = mirror.entries().values().stream().map(Stamped::value)
                .filter(e -> e.node().equals(nodeId)).map(PlayerEntry::id).toList();
        boolean uuid = isUuid(nodeId);
        return vertx.executeBlocking(() -> {
            // the values are sealed, so the members are asked by key: the ids this mirror knows, and on the owning
            // members every id of that node's (they start with its id, a UUID), so entries not seen here go as well
            known.forEach(id -> map.hazelcast().delete(id));
            if (uuid) {
                map.hazelcast().removeAll(Predicates.like("__key", nodeId + "-%"));
            }
            // and from the mirror, which gets no event for entries that were lost with the node's partitions
            mirror.forget(e -> e.value().node().equals(nodeId));
            return known.size();
        }, false);
    }

    /** A member left or died: its players go, logged once per node that had any. Never this node's. */
    Future<Integer> removeDeparted(String nodeId) {
        if (nodeId.equals(selfId)) {
            return Future.succeededFuture(0);
        }
        return removeNode(nodeId).onSuccess(n -> {
            if (n > 0) {
                LOG.info("removed {} players of departed node {}", n, nodeId);
            }
        }).onFailure(e -> LOG.warn("cannot remove the players of departed node {}: {}", nodeId, e.getMessage()));
    }

    /**
     * Runs on one thread at a time (the sweep timer): entries of nodes that are not members at two sweeps in a row
     * are removed (one sweep of grace, as a new member's entries can arrive just before its membership); this
     * node's entries are put again when the cluster lost them or they are due for a refresh, and entries in this
     * node's name that it does not hold (an old value put back) are removed.
     */
    void sweep(Set<String> members) {
        Set<String> absent = new HashSet<>();
        for (Stamped<PlayerEntry> stamped : mirror.entries().values()) {
            PlayerEntry entry = stamped.value();
            if (!members.contains(entry.node())) {
                absent.add(entry.node());
            } else if (entry.node().equals(selfId) && !own.containsKey(entry.id())) {
                map.removeAsync(entry.id());
            }
        }
        for (String node : absent) {
            if (suspects.contains(node)) {
                removeDeparted(node);
            }
        }
        suspects.clear();
        suspects.addAll(absent);
        reassertMissing();
        long due = System.currentTimeMillis() - REFRESH_MILLIS;
        own.values().stream().filter(s -> s.writtenAt() < due).forEach(s -> rewrite(s.value().id()));
    }

    /** Puts this node's entries that the cluster does not hold as they are (lost in a merge, or by a stranger). */
    void reassertMissing() {
        for (Stamped<PlayerEntry> entry : own.values()) {
            if (!mirror.holds(entry.value().id())) {
                rewrite(entry.value().id());
            }
        }
    }

    /** Puts every entry of this node's again, sealed with the key the node seals with now. */
    void reseal() {
        own.keySet().forEach(this::rewrite);
    }

    private Stamped<PlayerEntry> stamp(PlayerEntry entry) {
        long now = System.currentTimeMillis();
        return new Stamped<>(entry, lastStamp.updateAndGet(previous -> Freshness.next(previous, now)));
    }

    private static JsonObject json(Stamped<PlayerEntry> stamped) {
        return stamped.value().toJson().put("writtenAt", stamped.writtenAt());
    }

    private static boolean isUuid(String id) {
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
