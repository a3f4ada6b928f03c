package dev.gamma.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The guard of entries their owner writes again every few seconds (players, nodes), each stamped with its writer's
 * clock: a value stamped more than {@link #WINDOW_MILLIS} ago, or no later than the last one seen for its key, is an
 * old value put back (a stranger can keep genuine sealed values) and is refused. Nodes' clocks must agree within
 * the window, as for commands. Stamps are remembered per key for the window only.
 */
final class Freshness<V> implements MapMirror.Guard<V> {
    static final long WINDOW_MILLIS = 30_000;

    private final ToLongFunction<V> stamp;
    private final LongSupplier clock;
    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    private volatile long prunedAt;

    Freshness(ToLongFunction<V> stamp, LongSupplier clock) {
        this.stamp = stamp;
        this.clock = clock;
    }

    @Override
    public boolean replaces(String key, V current, V next) {
        long now = clock.getAsLong();
        long written = stamp.applyAsLong(next);
        if (written < now - WINDOW_MILLIS) {
            return false;
        }
        long[] accepted = {0};
        latest.compute(key, (k, last) -> {
            if (last != null && written <= last) {
                return last;
            }
            accepted[0] = 1;
            return written;
        });
        prune(now);
        return accepted[0] == 1;
    }

    /** A stamp later than {@code previous} on this node's clock, for the next value this node writes. */
    static long next(long previous, long now) {
        return Math.max(now, previous + 1);
    }

    private void prune(long now) {
        if (now - prunedAt < WINDOW_MILLIS) {
            return;
        }
        prunedAt = now;
        latest.values().removeIf(written -> written < now - WINDOW_MILLIS);
    }
}
