package dev.gamma.cluster;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/** A standalone node's table: kept in this process, entries dropped past their table's life or number. */
final class LocalSharedTable implements SharedTable {
    private final SharedTable.Name name;
    private final LongSupplier clock;
    private final Map<String, Stamped<JsonObject>> entries = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> values = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, JsonObject> listener = (key, value) -> { };

    LocalSharedTable(SharedTable.Name name, LongSupplier clock) {
        this.name = name;
        this.clock = clock;
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
        Stamped<JsonObject> entry = entries.get(key);
        return entry == null ? 0 : entry.writtenAt();
    }

    /** One write at a time: its entry and its value are changed together. */
    @Override
    public synchronized void put(String key, JsonObject value) {
        long now = clock.getAsLong();
        if (!entries.containsKey(key) && entries.size() >= name.maxEntries) {
            expire(now);
            if (entries.size() >= name.maxEntries) {
                return;
            }
        }
        entries.compute(key, (k, before) -> new Stamped<>(value.copy(),
                Freshness.next(before == null ? 0 : before.writtenAt(), now)));
        values.put(key, value.copy());
        listener.accept(key, value);
    }

    @Override
    public void onChange(BiConsumer<String, JsonObject> listener) {
        this.listener = listener;
    }

    private void expire(long now) {
        long oldest = now - name.life.toMillis();
        entries.forEach((key, entry) -> {
            if (entry.writtenAt() < oldest && entries.remove(key, entry)) {
                values.remove(key);
                listener.accept(key, null);
            }
        });
    }
}
