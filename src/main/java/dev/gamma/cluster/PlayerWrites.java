package dev.gamma.cluster;

import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's writes to the player registry, gathered for {@value #GATHER_MILLIS} ms and sent at the end of the
 * window, the latest value of each entry only. A new entry goes out only once it is {@value #GATHER_MILLIS} ms
 * old, in the first window that ends after that: one put and removed sooner (a bot's connection, a login refused
 * by the backend, a quick reconnect) is never written at all, whenever the windows end, so a flood of short
 * connections costs the cluster nothing. One window is in flight at a time: a removal never overtakes the put it
 * follows. The tables hold one write per id at most, and each window takes up to {@value #MAX_PER_WINDOW} of them:
 * first new entries and removals, then changes of entries already written (traffic counts, mostly), each in the
 * order they were asked for. So however many players' counts change each second, a login or a logout reaches the
 * cluster in the next window, and every change is written in its turn.
 */
final class PlayerWrites {
    static final long GATHER_MILLIS = 25;
    private static final long GATHER_NANOS = GATHER_MILLIS * 1_000_000;
    /** Bounds what one window seals and sends on the home event loop; more wait for the next window. */
    static final int MAX_PER_WINDOW = 256;
    private static final Logger LOG = LoggerFactory.getLogger(PlayerWrites.class);

    /**
     * What an id waits for: its latest value, or its removal (null); fresh while nothing of it was ever sent, and
     * then put at {@code since} (nanoTime).
     */
    private record Pending(Stamped<PlayerEntry> value, boolean fresh, long since, CompletableFuture<Void> done) {
        /** A new entry still too young to be worth telling the cluster about. */
        boolean young(long now) {
            return fresh && now - since < GATHER_NANOS;
        }
    }

    private final Context home;
    private final SealedMap map;
    private final Function<Stamped<PlayerEntry>, JsonObject> json;
    /** New entries and removals, in the order they were asked for; an id is in one of the two tables at most. */
    private final Map<String, Pending> arrivals = new LinkedHashMap<>(); // guarded by itself, as both tables are
    /** New values of entries written before, in the order they were first asked for. */
    private final Map<String, Pending> changes = new LinkedHashMap<>();
    private final AtomicBoolean windowOpen = new AtomicBoolean(); // a window is timed or in flight

    /** The windows are timed and sent on {@code home}. */
    PlayerWrites(Context home, SealedMap map, Function<Stamped<PlayerEntry>, JsonObject> json) {
        this.home = home;
        this.map = map;
        this.json = json;
    }

    /** Puts {@code value} with the next window; {@code fresh}: no earlier value of {@code id} was ever put. */
    CompletableFuture<Void> put(String id, Stamped<PlayerEntry> value, boolean fresh) {
        Pending now;
        synchronized (arrivals) {
            Pending before = arrivals.get(id);
            if (before != null) {
                now = new Pending(value, before.fresh(), before.since(), before.done());
                arrivals.put(id, now); // keeps its place
            } else {
                before = changes.get(id);
                now = before != null ? new Pending(value, false, 0, before.done())
                        : new Pending(value, fresh, fresh ? System.nanoTime() : 0, new CompletableFuture<>());
                (fresh && before == null ? arrivals : changes).put(id, now);
            }
        }
        open();
        return now.done();
    }

    /** Removes {@code id} with the next window, or at once takes back its put that was not sent yet. */
    CompletableFuture<Void> remove(String id) {
        Pending before;
        Pending removal = null;
        synchronized (arrivals) {
            before = arrivals.remove(id);
            if (before == null) {
                before = changes.remove(id);
            }
            if (before == null || !before.fresh()) {
                removal = new Pending(null, false, 0, before == null ? new CompletableFuture<>() : before.done());
                arrivals.put(id, removal);
            }
        }
        if (removal == null) { // a put never sent, taken back: nothing to remove
            before.done().complete(null);
            return before.done();
        }
        open();
        return removal.done();
    }

    /** Drops every write not sent yet (the node leaves, and its entries with it). */
    void clear() {
        List<Pending> dropped = new ArrayList<>();
        synchronized (arrivals) {
            dropped.addAll(arrivals.values());
            dropped.addAll(changes.values());
            arrivals.clear();
            changes.clear();
        }
        dropped.forEach(write -> write.done().complete(null));
    }

    private void open() {
        if (windowOpen.compareAndSet(false, true)) {
            home.runOnContext(v -> home.owner().setTimer(GATHER_MILLIS, t -> send()));
        }
    }

    private void send() {
        Map<String, Pending> window = new LinkedHashMap<>();
        synchronized (arrivals) {
            long now = System.nanoTime();
            take(arrivals, window, now);
            take(changes, window, now);
        }
        List<CompletionStage<?>> sent = new ArrayList<>(window.size());
        window.forEach((id, next) -> sent.add(answer(() -> next.value() == null ? map.removeAsync(id)
                : map.setAsync(id, json.apply(next.value())), next.done())));
        CompletableFuture.allOf(sent.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
                    windowOpen.set(false);
                    boolean more;
                    synchronized (arrivals) {
                        more = !arrivals.isEmpty() || !changes.isEmpty();
                    }
                    if (more) {
                        open();
                    }
                });
    }

    /**
     * Moves the oldest writes of {@code from} into {@code window} until it holds {@value #MAX_PER_WINDOW}, leaving
     * young entries for a later window; those are the newest, so a few are passed over at most.
     */
    private static void take(Map<String, Pending> from, Map<String, Pending> window, long now) {
        Iterator<Map.Entry<String, Pending>> waiting = from.entrySet().iterator();
        while (window.size() < MAX_PER_WINDOW && waiting.hasNext()) {
            Map.Entry<String, Pending> next = waiting.next();
            if (!next.getValue().young(now)) {
                window.put(next.getKey(), next.getValue());
                waiting.remove();
            }
        }
    }

    /** Completes {@code done} with {@code write}'s outcome, without Hazelcast's default executor. */
    private static CompletionStage<?> answer(Supplier<CompletionStage<?>> write, CompletableFuture<Void> done) {
        CompletionStage<?> started;
        try {
            started = write.get();
        } catch (RuntimeException e) { // the member is shutting down, or a value would not seal
            started = CompletableFuture.failedFuture(e);
        }
        return HazelcastFutures.taken(started).whenComplete((r, failure) -> {
            if (failure != null) {
                LOG.debug("a registry write failed: {}", failure.toString());
                done.completeExceptionally(failure);
            } else {
                done.complete(null);
            }
        });
    }
}
