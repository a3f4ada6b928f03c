package dev.gamma.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastJsonValue;
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
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's copy of one cluster map of JSON values, kept current by the map's entry events, so that reads
 * never wait on the network. Events arrive on Hazelcast's event threads (in order for any one key);
 * {@code onChange} runs there too, after each change.
 */
final class MapMirror<V> {
    private static final Logger LOG = LoggerFactory.getLogger(MapMirror.class);

    private final IMap<String, HazelcastJsonValue> map;
    private final Function<JsonObject, V> decode;
    private final Runnable onChange;
    private final Map<String, V> entries = new ConcurrentHashMap<>();
    // keys changed by an event while a load is under way: the event's state is newer than what the load read
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    private volatile boolean loading;
    private volatile boolean stale;
    private BiConsumer<V, V> onEntry = (before, after) -> { };

    MapMirror(IMap<String, HazelcastJsonValue> map, Function<JsonObject, V> decode, Runnable onChange) {
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

    /** Blocking: follows the map's events, then loads what it holds now. */
    void startBlocking() {
        map.addEntryListener(new Listener(), true);
        // entries of a lost partition vanish without events: the next sweep reads the map again
        map.addPartitionLostListener(event -> {
            if (!stale) {
                LOG.warn("{} lost data (more members died at once than it has backups); reading it again",
                        map.getName());
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
     * without events). Keys that events changed meanwhile keep the events' state.
     */
    synchronized void reloadBlocking() {
        loading = true;
        try {
            Map<String, V> loaded = new HashMap<>();
            for (Map.Entry<String, HazelcastJsonValue> e : map.entrySet()) {
                V value = decode(e.getKey(), e.getValue());
                if (value != null) {
                    loaded.put(e.getKey(), value);
                }
            }
            Set<String> keys = new HashSet<>(loaded.keySet());
            keys.addAll(entries.keySet());
            for (String key : keys) {
                entries.compute(key, (k, current) -> {
                    V next = touched.contains(k) ? current : loaded.get(k);
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
     * Drops entries from this copy only, for entries the cluster no longer has but never sent a removal for (a
     * departed node's entries in a partition lost with it).
     */
    void forget(Predicate<V> which) {
        boolean forgot = false;
        for (String key : entries.keySet()) {
            V gone = entries.get(key);
            if (gone != null && which.test(gone) && entries.remove(key, gone)) {
                forgot = true;
                onEntry.accept(gone, null);
            }
        }
        if (forgot) {
            onChange.run();
        }
    }

    /** The entries as this member knows them now (a live view; copy it to keep it). */
    Map<String, V> entries() {
        return entries;
    }

    private void apply(String key, V value) {
        entries.compute(key, (k, current) -> {
            if (loading) {
                touched.add(k);
            }
            if (current != null || value != null) {
                onEntry.accept(current, value);
            }
            return value;
        });
        onChange.run();
    }

    private V decode(String key, HazelcastJsonValue value) {
        if (value == null) {
            return null;
        }
        try {
            return decode.apply(new JsonObject(value.getValue()));
        } catch (RuntimeException e) {
            LOG.warn("ignoring unreadable entry {} of {}: {}", key, map.getName(), e.getMessage());
            return null;
        }
    }

    private final class Listener implements EntryAddedListener<String, HazelcastJsonValue>,
            EntryUpdatedListener<String, HazelcastJsonValue>, EntryMergedListener<String, HazelcastJsonValue>,
            EntryRemovedListener<String, HazelcastJsonValue>, EntryEvictedListener<String, HazelcastJsonValue>,
            EntryExpiredListener<String, HazelcastJsonValue> {

        @Override
        public void entryAdded(EntryEvent<String, HazelcastJsonValue> event) {
            apply(event.getKey(), decode(event.getKey(), event.getValue()));
        }

        @Override
        public void entryUpdated(EntryEvent<String, HazelcastJsonValue> event) {
            apply(event.getKey(), decode(event.getKey(), event.getValue()));
        }

        @Override
        public void entryMerged(EntryEvent<String, HazelcastJsonValue> event) {
            apply(event.getKey(), decode(event.getKey(), event.getValue()));
        }

        @Override
        public void entryRemoved(EntryEvent<String, HazelcastJsonValue> event) {
            apply(event.getKey(), null);
        }

        @Override
        public void entryEvicted(EntryEvent<String, HazelcastJsonValue> event) {
            apply(event.getKey(), null);
        }

        @Override
        public void entryExpired(EntryEvent<String, HazelcastJsonValue> event) {
            apply(event.getKey(), null);
        }
    }
}
