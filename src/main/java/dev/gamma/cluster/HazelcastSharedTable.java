package dev.gamma.cluster;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * A {@link SharedTable} in a sealed Hazelcast map. Each value is stored as {@code {value, writtenAt}} with its
 * table's life as the entry's time to live, so the map never outgrows what its writers keep writing. The copy is
 * bounded: a new key past the table's number of entries is refused (only sealed values count, and only Gamma nodes
 * can seal, but one of them misbehaving must not grow every other's heap).
 */
final class HazelcastSharedTable implements SharedTable {
    /** One entry as sealed: its key (bound to the sealed value anyway), value and writer's stamp. */
    record Entry(String key, JsonObject value, long writtenAt) {
        JsonObject toJson() {
            return new JsonObject().put("key", key).put("value", value).put("writtenAt", writtenAt);
        }

        static Entry fromJson(JsonObject json) {
            return new Entry(json.getString("key"), json.getJsonObject("value").copy(), json.getLong("writtenAt"));
        }
    }

    private final SharedTable.Name name;
    private final SealedMap map;
    private final LongSupplier clock;
    private final MapMirror<Entry> mirror;
    private final Map<String, JsonObject> values = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, JsonObject> listener = (key, value) -> { };

    HazelcastSharedTable(SharedTable.Name name, SealedMap map, LongSupplier clock) {
        this.name = name;
        this.map = map;
        this.clock = clock;
        this.mirror = new MapMirror<>(map, Entry::fromJson, () -> { });
        Freshness<Entry> freshness = new Freshness<>(Entry::writtenAt, clock);
        mirror.guard((key, current, next) -> key.equals(next.key())
                && (current != null || mirror.entries().size() < name.maxEntries)
                && freshness.replaces(key, current, next));
        mirror.onEntry((before, after) -> {
            if (after != null) {
                values.put(after.key(), after.value());
                listener.accept(after.key(), after.value());
            } else if (before != null) {
                values.remove(before.key());
                listener.accept(before.key(), null);
            }
        });
    }

    MapMirror<Entry> mirror() {
        return mirror;
    }

    @Override
    public JsonObject get(String key) {
        return values.get(key);
    }

    @Override
    public Map<String, JsonObject> entries() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public long writtenAt(String key) {
        Entry entry = mirror.entries().get(key);
        return entry == null ? 0 : entry.writtenAt();
    }

    /**
     * One write at a time, so that two at once (a failed login and the health checker, say) get stamps in the order
     * they are sent: with the same stamp, this copy kept one and the map could hold the other.
     */
    @Override
    public synchronized void put(String key, JsonObject value) {
        Entry entry = new Entry(key, value.copy(), Freshness.next(writtenAt(key), clock.getAsLong()));
        mirror.changed(key, entry, "this node");
        map.hazelcast().setAsync(key, map.seal(key, entry.toJson()), name.life.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onChange(BiConsumer<String, JsonObject> listener) {
        this.listener = listener;
    }
}
