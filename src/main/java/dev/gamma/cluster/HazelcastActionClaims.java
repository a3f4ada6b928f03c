package dev.gamma.cluster;

import dev.gamma.protocol.Printable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ActionClaims} in the sealed Hazelcast map {@value #MAP}: key → {@code {node, until}}. A claim is a
 * {@code putIfAbsent}, or a compare-and-set over a value that is this node's, ran out ({@code until} is the writer's
 * clock, which NTP keeps close to everyone's) or does not open; only a genuine claim of another node still in force
 * refuses, so a stranger's writes can neither take a claim nor hold one. The entries live a while past their
 * {@code until}, so the map keeps only recent claims.
 */
final class HazelcastActionClaims implements ActionClaims {
    static final String MAP = "gamma-wake-claims";
    private static final long LINGER_MILLIS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastActionClaims.class);

    private final Vertx vertx;
    private final SealedMap map;
    private final String selfId;
    private final LongSupplier clock;

    HazelcastActionClaims(Vertx vertx, SealedMap map, String selfId, LongSupplier clock) {
        this.vertx = vertx;
        this.map = map;
        this.selfId = selfId;
        this.clock = clock;
    }

    /** On a worker thread: Hazelcast's compare-and-set writes have no asynchronous form, and claims are rare. */
    @Override
    public Future<Boolean> claim(String key, Duration hold) {
        long until = clock.getAsLong() + hold.toMillis();
        byte[] mine = map.seal(key, new JsonObject().put("node", selfId).put("until", until));
        long ttl = hold.toMillis() + LINGER_MILLIS;
        return vertx.getOrCreateContext().executeBlocking(() -> {
            Object previous = map.hazelcast().putIfAbsent(key, mine, ttl, TimeUnit.MILLISECONDS);
            return previous == null || !heldByAnother(key, previous) && takeOver(key, previous, mine, ttl);
        }, false);
    }

    /** Blocking: puts {@code mine} over {@code previous}, unless a genuine claim of another node came meanwhile. */
    private boolean takeOver(String key, Object previous, byte[] mine, long ttl) {
        if (!map.hazelcast().replace(key, previous, mine)) {
            Object now = map.hazelcast().get(key);
            if (now != null && heldByAnother(key, now)) {
                return false;
            }
            map.hazelcast().set(key, mine, ttl, TimeUnit.MILLISECONDS);
            return true;
        }
        map.hazelcast().setTtl(key, ttl, TimeUnit.MILLISECONDS);
        return true;
    }

    @Override
    public void release(String key) {
        vertx.getOrCreateContext().executeBlocking(() -> {
            Object current = map.hazelcast().get(key);
            JsonObject held = current == null ? null : map.open(key, current, "the cluster");
            if (held != null && selfId.equals(held.getValue("node"))) {
                map.hazelcast().remove(key, current);
            }
            return null;
        }, false).onFailure(e -> LOG.warn("cannot release the claim on {}: {}", Printable.escape(key, 300),
                Printable.escape(e.getMessage(), 300)));
    }

    /** A claim that opens, names another node and is still in force; anything else can be taken over. */
    private boolean heldByAnother(String key, Object raw) {
        JsonObject held = map.open(key, raw, "the cluster");
        return held != null && held.getValue("node") instanceof String node && !node.equals(selfId)
                && held.getValue("until") instanceof Number until && until.longValue() > clock.getAsLong();
    }
}
