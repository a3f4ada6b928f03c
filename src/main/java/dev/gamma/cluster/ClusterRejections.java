package dev.gamma.cluster;

import dev.gamma.protocol.Printable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node refused from the cluster: values that did not open (forged, altered, moved, or sealed with another
 * secret) and commands whose MAC, age or nonce was wrong. Counted by kind for {@code gamma_cluster_rejected_total},
 * and logged at most once a minute per kind and source, with how many were not logged in between.
 */
public final class ClusterRejections {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRejections.class);
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;
    private static final int MAX_SOURCES = 256;

    /** What was refused; the label values of the metric, a fixed set. */
    public enum Kind {
        PLAYER, NODE, ROUTE, TOMBSTONE, COMMAND, REPLY, STATUS, HEALTH, REPORT, ACCESS, WAKE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Source(Kind kind, String source) {}

    private static final class Throttle {
        long loggedAt;
        long suppressed;
    }

    private final Map<Kind, LongAdder> counts = new EnumMap<>(Kind.class);
    // least recently logged sources go first when full, so many sources cannot reset the throttling of others
    private final Map<Source, Throttle> throttles = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Source, Throttle> eldest) {
            return size() > MAX_SOURCES;
        }
    };
    private final LongSupplier nanoTime;

    public ClusterRejections() {
        this(System::nanoTime);
    }

    ClusterRejections(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        for (Kind kind : Kind.values()) {
            counts.put(kind, new LongAdder());
        }
    }

    public long count(Kind kind) {
        return counts.get(kind).sum();
    }

    /**
     * Counts one refusal and logs it unless this kind from this source was logged within the minute.
     *
     * @param source where it came from (a member's address, "event bus"): network text, escaped here
     * @param why    what was wrong, Gamma's own words
     */
    void reject(Kind kind, String source, String what, String why) {
        counts.get(kind).increment();
        String from = Printable.escape(source, 80);
        long now = nanoTime.getAsLong();
        long suppressed;
        synchronized (throttles) {
            Throttle throttle = throttles.computeIfAbsent(new Source(kind, from), s -> new Throttle());
            if (throttle.loggedAt != 0 && now - throttle.loggedAt < LOG_EVERY_NANOS) {
                throttle.suppressed++;
                return;
            }
            suppressed = throttle.suppressed;
            throttle.loggedAt = now == 0 ? 1 : now;
            throttle.suppressed = 0;
        }
        LOG.warn("cluster: rejected {} from {}: {}{}", Printable.escape(what, 120), from, Printable.escape(why, 300),
                suppressed > 0 ? " (" + suppressed + " more not logged in the last minute)" : "");
    }
}
