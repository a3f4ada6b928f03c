package dev.gamma.relay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A token bucket per client address: {@code rate} new connections a second, bursts up to {@code burst}. */
public final class RateLimiter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private record Settings(double rate, int burst) {}

    private static final class Bucket {
        double tokens;
        long refilledAt;
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private volatile Settings settings;

    public RateLimiter(double rate, int burst, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        update(rate, burst);
    }

    public void update(double rate, int burst) {
        settings = new Settings(rate, burst);
    }

    public boolean tryAcquire(String address) {
        Settings current = settings;
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(address, a -> {
            Bucket fresh = new Bucket();
            fresh.tokens = current.burst();
            fresh.refilledAt = now;
            return fresh;
        });
        synchronized (bucket) {
            refill(bucket, current, now);
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    /** Forgets addresses whose bucket has filled up again, so the map holds only recent clients. */
    public void sweep() {
        Settings current = settings;
        long now = nanoClock.getAsLong();
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                refill(bucket, current, now);
                return bucket.tokens >= current.burst();
            }
        });
    }

    int trackedAddresses() {
        return buckets.size();
    }

    private static void refill(Bucket bucket, Settings settings, long now) {
        double earned = (now - bucket.refilledAt) * settings.rate() / NANOS_PER_SECOND;
        bucket.tokens = Math.min(settings.burst(), bucket.tokens + earned);
        bucket.refilledAt = now;
    }
}
