package dev.gamma.route;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A shared status table in memory: one map that several nodes' caches can use, each with its own place in line. */
final class MemoryShare implements StatusShare {
    final Map<String, JsonObject> values;
    final List<String> puts = new CopyOnWriteArrayList<>();
    volatile int rank;

    MemoryShare(int rank) {
        this(new ConcurrentHashMap<>(), rank);
    }

    private MemoryShare(Map<String, JsonObject> values, int rank) {
        this.values = values;
        this.rank = rank;
    }

    /** Another node's view of the same table. */
    MemoryShare node(int rank) {
        return new MemoryShare(values, rank);
    }

    @Override
    public JsonObject get(String key) {
        return values.get(key);
    }

    @Override
    public void put(String key, JsonObject value) {
        puts.add(key);
        values.put(key, value.copy());
    }

    @Override
    public int rank(String key) {
        return rank;
    }
}
