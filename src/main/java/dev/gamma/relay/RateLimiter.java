package dev.gamma.relay;

import dev.gamma.route.ClientAddresses;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address (an IPv6 address by its /64): {@code rate} new connections a second, bursts
 * up to {@code burst}. Past the budget an address still gets up to {@code burst} polite refusals (the connection is
 * answered "too fast"), paid back at the same rate; past those its connections are closed at accept, unread, so a
 * flood costs the node one accept and one close each. The table is bounded: when it holds {@link #MAX_ADDRESSES}
 * addresses, idle ones are forgotten, and if none is idle some are evicted, so a newcomer always gets a bucket
 * (an evicted flooder starts again with a fresh budget, which is harmless beside the 100,000 addresses it took).
 *
 * <p>In a cluster every node's buckets hold the whole fleet's budget: each node hands out what its addresses spent
 * ({@link #takeSpend}) and takes off what the other nodes' addresses spent ({@link #debit}), so a client rotating over
 * the nodes gets about one node's budget, a second or so late.
 */
public final class RateLimiter {
    /** Far above the addresses that connect within one refill of a bucket on any real node. */
    static final int MAX_ADDRESSES = 100_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long REPORT_EVERY_NANOS = NANOS_PER_SECOND;

    /** What a new connection of an address may do. */
    public enum Verdict {
        /** Greet and be served. */
        ADMIT,
        /** Greet and be told "too fast". */
        REFUSE,
        /** Closed at accept. */
        DROP
    }

    private record Settings(double rate, int burst) {}

    private static final class Bucket {
        double tokens;
        long refilledAt;
        long reportedAt;
        int unreported;
        /** Tokens spent here and not handed out by {@link #takeSpend} yet. */
        int spent;
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** The closes of addresses the full table has no room for (closed before their budget was looked at), reported together. */
    private final Bucket untracked = new Bucket();
    private final LongSupplier nanoClock;
    private volatile Settings settings;
    private volatile long fullSweepAt = Long.MIN_VALUE / 2;

    public RateLimiter(double rate, int burst, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        update(rate, burst);
    }

    public void update(double rate, int burst) {
        settings = new Settings(rate, burst);
    }

    /** Spends a token of {@code address} ({@link ClientAddresses#key}) and says what its connection may do. */
    public Verdict check(String address) {
        Settings current = settings;
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.get(address);
        if (bucket == null) {
            if (buckets.size() >= MAX_ADDRESSES) {
                // a sweep walks the whole table: at most one a second, however many new addresses knock
                if (now - fullSweepAt >= NANOS_PER_SECOND) {
                    fullSweepAt = now;
                    sweep();
                }
                if (buckets.size() >= MAX_ADDRESSES) {
                    evict(MAX_ADDRESSES / 100);
                }
            }
            bucket = bucketOf(address, current, now);
        }
        synchronized (bucket) {
            refill(bucket, current, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                bucket.spent++;
                return Verdict.ADMIT;
            }
            if (bucket.tokens >= 1 - current.burst()) {
                bucket.tokens -= 1;
                bucket.spent++;
                return Verdict.REFUSE;
            }
            return Verdict.DROP;
        }
    }

    /**
     * A connection of {@code address} was closed at accept: how many such closes to report in one log line now
     * (this one and those left unreported), or 0 to stay quiet, so a flood logs a line a second per address. An
     * address without a bucket (closed before its budget was looked at: an untrusted proxy, a full node) gets one
     * only while the table has room, as {@link #check} would not make room for it; past that, such addresses share
     * one line a second.
     */
    int reportDrop(String address) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.get(address);
        if (bucket == null) {
            bucket = buckets.size() < MAX_ADDRESSES ? bucketOf(address, settings, now) : untracked;
        }
        synchronized (bucket) {
            bucket.unreported++;
            if (bucket.reportedAt != 0 && now - bucket.reportedAt < REPORT_EVERY_NANOS) {
                return 0;
            }
            int report = bucket.unreported;
            bucket.unreported = 0;
            bucket.reportedAt = now == 0 ? 1 : now;
            return report;
        }
    }

    /**
     * What addresses spent here since they were last handed out, for the other nodes to {@link #debit}: the
     * {@code max} biggest spenders of more than one token. A single token stays counted until the address spends
     * another, so a client that connects once a second to each node is still seen.
     */
    public Map<String, Integer> takeSpend(int max) {
        PriorityQueue<Map.Entry<String, Integer>> top = new PriorityQueue<>(Map.Entry.comparingByValue());
        buckets.forEach((address, bucket) -> {
            int spent;
            synchronized (bucket) {
                spent = bucket.spent;
            }
            if (spent > 1 && (top.size() < max || spent > top.peek().getValue())) {
                top.add(Map.entry(address, spent));
                if (top.size() > max) {
                    top.poll();
                }
            }
        });
        Map<String, Integer> taken = new LinkedHashMap<>();
        top.stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(entry -> {
                    Bucket bucket = buckets.get(entry.getKey());
                    if (bucket != null) {
                        synchronized (bucket) {
                            bucket.spent = Math.max(0, bucket.spent - entry.getValue());
                        }
                    }
                    taken.put(entry.getKey(), entry.getValue());
                });
        return taken;
    }

    /**
     * Takes {@code tokens} another node's connections of {@code address} spent off its bucket here, never below the
     * bucket's floor (where its polite refusals are used up), so the fleet's spend leaves an address no worse off
     * than flooding one node would. An address unknown here gets a bucket while the table has room.
     */
    public void debit(String address, int tokens) {
        if (tokens <= 0) {
            return;
        }
        Settings current = settings;
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.get(address);
        if (bucket == null) {
            if (buckets.size() >= MAX_ADDRESSES) {
                return; // the addresses connecting here come first
            }
            bucket = bucketOf(address, current, now);
        }
        synchronized (bucket) {
            refill(bucket, current, now);
            bucket.tokens = Math.max(-current.burst(), bucket.tokens - tokens);
        }
    }

    /**
     * Forgets addresses whose bucket has filled up again, so the map holds only recent clients. Closes not logged
     * yet are forgotten with them: the address has been quiet since.
     */
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

    /** Forgets {@code count} addresses, whichever the table gives first. */
    private void evict(int count) {
        var keys = buckets.keySet().iterator();
        for (int i = 0; i < count && keys.hasNext(); i++) {
            keys.next();
            keys.remove();
        }
    }

    /** The bucket of {@code address}, made full if it has none. */
    private Bucket bucketOf(String address, Settings current, long now) {
        return buckets.computeIfAbsent(address, a -> {
            Bucket fresh = new Bucket();
            fresh.tokens = current.burst();
            fresh.refilledAt = now;
            return fresh;
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
