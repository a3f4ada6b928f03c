package dev.gamma.cluster;

import com.hazelcast.map.IMap;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's copy of one sealed cluster map, kept current by the map's entry events, so that reads never wait
 * on the network. Events arrive on Hazelcast's event threads (in order for any one key); {@code onChange} runs
 * there too, after each change.
 *
 * <p>Only values that open are applied, and only when the map's {@link Guard} takes them: a value that does not
 * open (forged, altered, moved from another key, sealed with a secret this node lacks, or not even bytes, which an
 * event then never deserializes), a genuine but older value put back, and a removal the guard does not allow (a
 * route deleted without a sealed tombstone) leave the entry as it was. Such keys are {@link #damaged()}, for their
 * owner to put the good value back. The same rules hold when the whole map is read again.
 */
final class MapMirror<V> {
    private static final Logger LOG = LoggerFactory.getLogger(MapMirror.class);

    /** What a map accepts. */
    interface Guard<V> {
        /** Whether {@code next} may take the place of {@code current} (null when the key holds nothing). */
        boolean replaces(String key, V current, V next);

        /** Whether the key's removal may be applied, given the value this copy holds. */
        default boolean removes(String key, V current) {
            return true;
        }
    }

    private final SealedMap map;
    private final Function<JsonObject, V> decode;
    private final Runnable onChange;
    private final Map<String, V> entries = new ConcurrentHashMap<>();
    // keys whose shared value is missing or unreadable while this copy holds a good one
    private final Set<String> damaged = ConcurrentHashMap.newKeySet();
    // keys whose shared value opens but does not read here: a newer Gamma's, which this node must not write over
    private final Set<String> foreign = ConcurrentHashMap.newKeySet();
    // keys changed by an event while a load is under way: the event's state is newer than what the load read
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    private volatile boolean loading;
    private volatile boolean stale;
    private BiConsumer<V, V> onEntry = (before, after) -> { };
    private Guard<V> guard = (key, current, next) -> true;

    MapMirror(SealedMap map, Function<JsonObject, V> decode, Runnable onChange) {
        this.map = map;
        this.decode = decode;
        this.onChange = onChange;
    }

    /**
     * Also told of each entry's change, as (before, after) with null for none, under that key's lock (so in
     * order for any one key). Set before {@link #startBlocking()}.
     */
    void onEntry(BiConsumer<V, V> listener) {
        this.onEntry = listener;
    }

    /** Set before {@link #startBlocking()}. */
    void guard(Guard<V> guard) {
        this.guard = guard;
    }

    SealedMap map() {
        return map;
    }

    /** Before {@link #startBlocking()}: a value just written here, which a value that does not open leaves as is. */
    void seed(String key, V value) {
        entries.putIfAbsent(key, value); // only the route table is seeded, and it has no entry listener
    }

    /** Blocking: follows the map's events, then loads what it holds now. */
    void startBlocking() {
        IMap<String, Object> hazelcast = map.hazelcast();
        hazelcast.addEntryListener(new MapEvents<>(this), true);
        // entries of a lost partition vanish without events: the next sweep reads the map again
        hazelcast.addPartitionLostListener(event -> {
            if (!stale) {
                LOG.warn("{} lost data (more members died at once than it has backups); reading it again",
                        map.name());
            }
            stale = true;
        });
        reloadBlocking();
    }

    /** True once after a partition of the map was lost; the caller then reloads (off the event loop). */
    boolean takeStale() {
        boolean was = stale;
        stale = false;
        return was;
    }

    /**
     * Blocking: reads the whole map again (after a split-brain merge, when this member's data was replaced
     * without events). Keys that events changed meanwhile keep the events' state; values that do not open or
     * that the guard refuses keep what this copy had.
     */
    synchronized void reloadBlocking() {
        loading = true;
        try {
            Map<String, V> loaded = new HashMap<>();
            Set<String> present = new HashSet<>();
            map.readAllBlocking((key, raw) -> {
                present.add(key);
                V value = decode(key, raw, "a read of " + map.name());
                if (value != null) {
                    loaded.put(key, value);
                }
            });
            Set<String> keys = new HashSet<>(loaded.keySet());
            keys.addAll(entries.keySet());
            for (String key : keys) {
                entries.compute(key, (k, current) -> touched.contains(k) ? current
                        : reloaded(k, current, loaded.get(k), present.contains(k)));
            }
        } finally {
            loading = false;
            touched.clear();
        }
        onChange.run();
    }

    /** What a reload leaves under {@code key}: {@code next} if the guard takes it, else what this copy held. */
    private V reloaded(String key, V current, V next, boolean present) {
        if (next != null && next.equals(current)) {
            damaged.remove(key);
            return current;
        }
        boolean refused = next == null
                ? current != null && (present || !guard.removes(key, current))
                : !guard.replaces(key, current, next);
        if (refused) {
            if (current != null && !foreign.contains(key)) {
                damaged.add(key);
            }
            return current;
        }
        damaged.remove(key);
        if (current != null || next != null) {
            onEntry.accept(current, next);
        }
        return next;
    }

    /**
     * Drops entries from this copy only, for entries the cluster no longer has but never sent a removal for (a
     * departed node's entries in a partition lost with it).
     */
    void forget(Predicate<V> which) {
        boolean forgot = false;
        for (String key : entries.keySet()) {
            V gone = entries.get(key);
            if (gone != null && which.test(gone) && entries.remove(key, gone)) {
                forgot = true;
                damaged.remove(key);
                onEntry.accept(gone, null);
            }
        }
        if (forgot) {
            onChange.run();
        }
    }

    /** Drops {@code key} from this copy only if it still holds {@code expected} (a removal recorded late). */
    void forget(String key, V expected) {
        if (entries.remove(key, expected)) {
            damaged.remove(key);
            onEntry.accept(expected, null);
            onChange.run();
        }
    }

    /** The entries as this member knows them now (a live view; copy it to keep it). */
    Map<String, V> entries() {
        return entries;
    }

    /** Keys this copy holds a good value for while the cluster's value is missing, older or does not open. */
    Set<String> damaged() {
        return Set.copyOf(damaged);
    }

    /** True when this copy holds {@code key} and the cluster's value is the one it holds. */
    boolean holds(String key) {
        return entries.containsKey(key) && !damaged.contains(key);
    }

    /**
     * An event's value for {@code key}. {@code onChange} runs only when it changed this copy: the echo of a value
     * held already, or a refused one (a stranger's replay), costs the readers of the whole table nothing.
     */
    void changed(String key, V next, String source) {
        V now = entries.compute(key, (k, current) -> {
            if (next.equals(current)) {
                return current; // the event of a write this copy applied already
            }
            if (!guard.replaces(k, current, next)) {
                if (current != null) {
                    damaged.add(k);
                }
                map.reject(k, source, "an older value than this node holds; keeping the newer one");
                return current;
            }
            return apply(k, current, next);
        });
        if (now == next) {
            onChange.run();
        }
    }

    /** An event's removal of {@code key}; {@code onChange} runs, as for {@link #changed}, only when it applied. */
    void removed(String key, String source) {
        boolean[] applied = {false};
        entries.compute(key, (k, current) -> {
            if (current != null && !guard.removes(k, current)) {
                damaged.add(k);
                map.reject(k, source, "removed without a sealed record of the removal; keeping it");
                return current;
            }
            applied[0] = current != null;
            return apply(k, current, null);
        });
        if (applied[0]) {
            onChange.run();
        }
    }

    private V apply(String key, V current, V next) {
        if (loading) {
            touched.add(key);
        }
        damaged.remove(key);
        if (current != null || next != null) {
            onEntry.accept(current, next);
        }
        return next;
    }

    void unreadable(String key) {
        if (entries.containsKey(key) && !foreign.contains(key)) {
            damaged.add(key);
        }
    }

    /**
     * The value {@code raw} holds, or null. A value that opens (so a Gamma node with the secret wrote it) but does not
     * read here is taken for a newer version's during a rolling upgrade: this copy keeps what it had and the key is not
     * damaged, so this node never writes its older value over it.
     */
    V decode(String key, Object raw, String source) {
        JsonObject json = map.open(key, raw, source);
        if (json == null) {
            foreign.remove(key);
            return null;
        }
        try {
            V value = decode.apply(json);
            foreign.remove(key);
            return value;
        } catch (RuntimeException e) {
            foreign.add(key);
            damaged.remove(key);
            map.reject(key, source, "opens but does not read here (" + e.getMessage() + "); if a newer Gamma wrote"
                    + " it, this node keeps its own copy until it is upgraded and does not write over it");
            return null;
        }
    }
}
