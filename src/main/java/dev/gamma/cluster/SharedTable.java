package dev.gamma.cluster;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A small table every node shares, of JSON objects by key: server-list answers, backend health, each node's report of
 * the last second. Reads come from this node's copy and never wait; writes are asynchronous, never awaited on a
 * connection's path, and stamped with the writer's clock later than anything this node has seen under the key. In a
 * cluster the values are sealed like every other shared value; a value older than its table's life, or no later than
 * the last one seen for its key, is refused, so writers write again what must last.
 */
public interface SharedTable {

    /** The tables there are, with the cluster map each lives in, how long an entry lives and how many there may be. */
    enum Name {
        STATUS("gamma-status", Duration.ofMinutes(5), 4096, ClusterRejections.Kind.STATUS),
        HEALTH("gamma-health", Duration.ofMinutes(2), 4096, ClusterRejections.Kind.HEALTH),
        REPORTS("gamma-reports", Duration.ofSeconds(30), 256, ClusterRejections.Kind.REPORT),
        ACCESS("gamma-access", Duration.ofMinutes(5), 4, ClusterRejections.Kind.ACCESS),
        WAKE("gamma-wake", Duration.ofMinutes(2), 4096, ClusterRejections.Kind.WAKE);

        final String map;
        final Duration life;
        final int maxEntries;
        final ClusterRejections.Kind kind;

        Name(String map, Duration life, int maxEntries, ClusterRejections.Kind kind) {
            this.map = map;
            this.life = life;
            this.maxEntries = maxEntries;
            this.kind = kind;
        }

        public int maxEntries() {
            return maxEntries;
        }
    }

    /** The value under {@code key} as this node knows it now, or null. */
    JsonObject get(String key);

    /** Every entry as this node knows it now (a read-only view). */
    Map<String, JsonObject> entries();

    /** When the value under {@code key} was written (the writer's clock, millis), or 0 when there is none. */
    long writtenAt(String key);

    /** Writes {@code value} under {@code key} for every node; this node's copy has it at once. */
    void put(String key, JsonObject value);

    /**
     * Told of every change of this node's copy, as (key, value) with a null value for a removal; on whichever
     * thread made the change (a Hazelcast event thread, or the writer's). Set once, before the first change matters.
     */
    void onChange(BiConsumer<String, JsonObject> listener);
}
