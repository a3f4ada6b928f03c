package dev.gamma.cluster;

import com.hazelcast.map.IMap;
import dev.gamma.protocol.Printable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ActionClaims} in the sealed Hazelcast map {@value #MAP}: key → {@code {node, until}}. Every write is
 * conditional: a {@code putIfAbsent}, or a {@code replace} of the very value read, when that value is this node's,
 * ran out ({@code until} is the writer's clock, which NTP keeps close to everyone's) or does not open. Only a genuine
 * claim of another node still in force refuses, so a stranger's writes can neither take a claim nor hold one. The
 * entries live a while past their {@code until}, so the map keeps only recent claims.
 */
final class HazelcastActionClaims implements ActionClaims {
    static final String MAP = "gamma-wake-claims";
    /** Past this the caller acts without an answer: a member that died can hold the map's calls for a minute. */
    static final long ANSWER_MILLIS = 3_000;
    private static final long LINGER_MILLIS = 60_000;
    private static final int ATTEMPTS = 4;
    private static final int WORKERS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastActionClaims.class);

    private final SealedMap map;
    private final String selfId;
    private final LongSupplier clock;
    /** Its own few threads: a member that died can hold each call for a minute, and actions run on Vert.x's. */
    private final WorkerExecutor workers;

    HazelcastActionClaims(Vertx vertx, SealedMap map, String selfId, LongSupplier clock) {
        this.map = map;
        this.selfId = selfId;
        this.clock = clock;
        this.workers = vertx.createSharedWorkerExecutor("gamma-claims", WORKERS);
    }

    /**
     * On a worker thread: Hazelcast's conditional writes have no asynchronous form, and claims are rare. A claim
     * granted after the caller stopped waiting is given up at once.
     */
    @Override
    public Future<Claim> claim(String key, Duration hold) {
        long until = clock.getAsLong() + hold.toMillis();
        byte[] mine = map.seal(key, new JsonObject().put("node", selfId).put("until", until));
        long ttl = hold.toMillis() + LINGER_MILLIS;
        Future<Claim> asked = workers.executeBlocking(() -> claimBlocking(key, mine, ttl), false);
        return asked.timeout(ANSWER_MILLIS, TimeUnit.MILLISECONDS)
                .onFailure(late -> asked.onSuccess(Claim::release));
    }

    private Claim claimBlocking(String key, byte[] mine, long ttl) {
        IMap<String, Object> hazelcast = map.hazelcast();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Object current = hazelcast.putIfAbsent(key, mine, ttl, TimeUnit.MILLISECONDS);
            if (current == null) {
                return granted(key, mine);
            }
            if (heldByAnother(key, current)) {
                return Claim.REFUSED;
            }
            // replace leaves the entry without a time to live until setTtl; one removed meanwhile is asked for again
            if (hazelcast.replace(key, current, mine) && hazelcast.setTtl(key, ttl, TimeUnit.MILLISECONDS)) {
                return granted(key, mine);
            }
        }
        throw new IllegalStateException("the claim on it changed " + ATTEMPTS + " times while it was asked for");
    }

    private Claim granted(String key, byte[] mine) {
        return new Claim(true, () -> workers.<Void>executeBlocking(() -> {
            map.hazelcast().remove(key, mine);
            return null;
        }, false).onFailure(e -> LOG.warn("cannot give up the claim on {}: {}", Printable.escape(key, 120),
                Printable.escape(String.valueOf(e.getMessage()), 300))));
    }

    /** A claim that opens, names another node and is still in force; anything else can be taken over. */
    private boolean heldByAnother(String key, Object raw) {
        JsonObject held = map.open(key, raw, "the cluster");
        return held != null && held.getValue("node") instanceof String node && !node.equals(selfId)
                && held.getValue("until") instanceof Number until && until.longValue() > clock.getAsLong();
    }
}
