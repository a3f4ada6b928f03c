package dev.gamma.cluster;

import dev.gamma.protocol.Printable;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.EntryEventType;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's copy of one sealed cluster map, kept current by the map's entry events, so that reads never wait
 * on the network. Events arrive on Hazelcast's event threads (in order for any one key); {@code onChange} runs
 * there too, after each change.
 *
 * <p>Only values that open are applied. A value that does not (forged, altered, moved from another key, or sealed
 * with a secret this node lacks) leaves the entry as it was, and neither a removal nor a replacement that the map's
 * guards refuse (a route deleted without a sealed tombstone, an older route put back) is applied: such keys are
 * {@link #damaged()}, for their owner to put the good value back.
 */
final class MapMirror<V> {
    private static final Logger LOG = LoggerFactory.getLogger(MapMirror.class);

    private final SealedMap map;
    private final Function<JsonObject, V> decode;
    private final Runnable onChange;
    private final Map<String, V> entries = new ConcurrentHashMap<>();
    // keys whose shared value is missing or unreadable while this copy holds a good one
    private final Set<String> damaged = ConcurrentHashMap.newKeySet();
    // keys changed by an event while a load is under way: the event's state is newer than what the load read
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    private volatile boolean loading;
    private volatile boolean stale;
    private BiConsumer<V, V> onEntry = (before, after) -> { };
    private BiPredicate<String, V> removalAllowed = (key, value) -> true;
    private BiPredicate<V, V> replacementAllowed = (current, next) -> true;

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

    /** Which removals to apply, given the key and the value this copy holds; set before {@link #startBlocking()}. */
    void guardRemovals(BiPredicate<String, V> allowed) {
        this.removalAllowed = allowed;
    }

    /**
     * Which changes of an entry to apply, given the value this copy holds and the new one (a genuine but old value
     * put back by a stranger is refused here); set before {@link #startBlocking()}.
     */
    void guardReplacements(BiPredicate<V, V> allowed) {
        this.replacementAllowed = allowed;
    }

    SealedMap map() {
        return map;
    }

    /** Blocking: follows the map's events, then loads what it holds now. */
    void startBlocking() {
        IMap<String, Object> hazelcast = map.hazelcast();
        hazelcast.addEntryListener(new Listener(), true);
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
     * without events). Keys that events changed meanwhile keep the events' state; values that do not open keep
     * what this copy had.
     */
    synchronized void reloadBlocking() {
        loading = true;
        try {
            Map<String, V> loaded = new HashMap<>();
            Set<String> unreadable = new HashSet<>();
            readAll((key, raw) -> {
                V value = decode(key, raw, "a read of " + map.name());
                if (value != null) {
                    loaded.put(key, value);
                } else {
                    unreadable.add(key);
                }
            });
            Set<String> keys = new HashSet<>(loaded.keySet());
            keys.addAll(entries.keySet());
            for (String key : keys) {
                entries.compute(key, (k, current) -> {
                    if (touched.contains(k)) {
                        return current;
                    }
                    V next = loaded.get(k);
                    if (next == null && current != null && unreadable.contains(k)) {
                        damaged.add(k);
                        return current;
                    }
                    damaged.remove(k);
                    if (next != current) {
                        onEntry.accept(current, next);
                    }
                    return next;
                });
            }
        } finally {
            loading = false;
            touched.clear();
        }
        onChange.run();
    }

    /**
     * Blocking: every entry's key and raw value. One entry a stranger made unreadable (a class the deserialization
     * filter refuses) fails a bulk read, so then each key is read alone and the unreadable ones are skipped.
     */
    private void readAll(BiConsumer<String, Object> each) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        IMap<Object, Object> raw = (IMap) map.hazelcast();
        try {
            for (Map.Entry<Object, Object> e : raw.entrySet()) {
                if (e.getKey() instanceof String key) {
                    each.accept(key, e.getValue());
                }
            }
            return;
        } catch (RuntimeException e) {
            LOG.warn("{} holds entries that cannot be read ({}); reading it key by key", map.name(),
                    Printable.escape(e.getMessage(), 300));
        }
        for (Object key : raw.keySet()) {
            if (key instanceof String text) {
                try {
                    each.accept(text, raw.get(text));
                } catch (RuntimeException e) {
                    map.reject(text, "a read of " + map.name(), "unreadable: " + e.getMessage());
                }
            }
        }
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

    /** Drops one key from this copy only (a removal that turned out to be recorded after all). */
    void forget(String key) {
        V gone = entries.remove(key);
        damaged.remove(key);
        if (gone != null) {
            onEntry.accept(gone, null);
            onChange.run();
        }
    }

    /** The entries as this member knows them now (a live view; copy it to keep it). */
    Map<String, V> entries() {
        return entries;
    }

    /** Keys this copy holds a good value for while the cluster's value is missing or does not open. */
    Set<String> damaged() {
        return Set.copyOf(damaged);
    }

    /** True when this copy holds {@code key} and the cluster's value is the one it holds. */
    boolean holds(String key) {
        return entries.containsKey(key) && !damaged.contains(key);
    }

    private void apply(String key, V value) {
        entries.compute(key, (k, current) -> {
            if (loading) {
                touched.add(k);
            }
            damaged.remove(k);
            if (current != null || value != null) {
                onEntry.accept(current, value);
            }
            return value;
        });
        onChange.run();
    }

    private void removed(String key, String source) {
        V current = entries.get(key);
        if (current != null && !removalAllowed.test(key, current)) {
            damaged.add(key);
            map.reject(key, source, "removed without a sealed record of the removal; keeping it");
            return;
        }
        apply(key, null);
    }

    private void unreadable(String key) {
        if (entries.containsKey(key)) {
            damaged.add(key);
        }
    }

    private V decode(String key, Object raw, String source) {
        JsonObject json = map.open(key, raw, source);
        if (json == null) {
            return null;
        }
        try {
            return decode.apply(json);
        } catch (RuntimeException e) {
            map.reject(key, source, "does not hold what " + map.name() + " holds: " + e.getMessage());
            return null;
        }
    }

    private static String source(EntryEvent<?, ?> event) {
        Member member = event.getMember();
        return member == null ? "an unknown member" : "member " + member.getAddress();
    }

    private final class Listener implements EntryAddedListener<Object, Object>,
            EntryUpdatedListener<Object, Object>, EntryMergedListener<Object, Object>,
            EntryRemovedListener<Object, Object>, EntryEvictedListener<Object, Object>,
            EntryExpiredListener<Object, Object> {

        @Override
        public void entryAdded(EntryEvent<Object, Object> event) {
            changed(event);
        }

        @Override
        public void entryUpdated(EntryEvent<Object, Object> event) {
            changed(event);
        }

        @Override
        public void entryMerged(EntryEvent<Object, Object> event) {
            changed(event);
        }

        @Override
        public void entryRemoved(EntryEvent<Object, Object> event) {
            withKey(event, key -> removed(key, source(event)));
        }

        @Override
        public void entryEvicted(EntryEvent<Object, Object> event) {
            withKey(event, key -> removed(key, source(event)));
        }

        @Override
        public void entryExpired(EntryEvent<Object, Object> event) {
            withKey(event, key -> removed(key, source(event)));
        }

        private void changed(EntryEvent<Object, Object> event) {
            withKey(event, key -> {
                Object raw;
                try {
                    raw = event.getValue();
                } catch (RuntimeException e) {
                    // a class the deserialization filter refuses, or bytes that are no object at all
                    map.reject(key, source(event), "unreadable: " + e.getMessage());
                    unreadable(key);
                    return;
                }
                V value = decode(key, raw, source(event));
                V current = entries.get(key);
                if (value == null) {
                    unreadable(key);
                } else if (current != null && event.getEventType() != EntryEventType.MERGED
                        && !replacementAllowed.test(current, value)) {
                    damaged.add(key);
                    map.reject(key, source(event), "an older value than this node holds; keeping the newer one");
                } else {
                    apply(key, value);
                }
            });
        }

        private void withKey(EntryEvent<Object, Object> event, java.util.function.Consumer<String> action) {
            Object key;
            try {
                key = event.getKey();
            } catch (RuntimeException e) {
                map.reject("?", source(event), "unreadable key: " + e.getMessage());
                return;
            }
            if (!(key instanceof String text)) {
                map.reject(String.valueOf(key), source(event), "a key that is not text");
                return;
            }
            action.accept(text);
        }
    }
}
