package dev.gamma.cluster;

import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
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
 * follows. The table holds one entry per id at most, and each window takes up to {@value #MAX_PER_WINDOW} of them.
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
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean windowOpen = new AtomicBoolean(); // a window is timed or in flight

    /** The windows are timed and sent on {@code home}. */
    PlayerWrites(Context home, SealedMap map, Function<Stamped<PlayerEntry>, JsonObject> json) {
        this.home = home;
        this.map = map;
        this.json = json;
    }

    /** Puts {@code value} with the next window; {@code fresh}: no earlier value of {@code id} was ever put. */
    CompletableFuture<Void> put(String id, Stamped<PlayerEntry> value, boolean fresh) {
        Pending now = pending.compute(id, (key, before) -> before == null
                ? new Pending(value, fresh, fresh ? System.nanoTime() : 0, new CompletableFuture<>())
                : new Pending(value, before.fresh(), before.since(), before.done()));
        open();
        return now.done();
    }

    /** Removes {@code id} with the next window, or at once takes back its put that was not sent yet. */
    CompletableFuture<Void> remove(String id) {
        Pending[] unsent = {null};
        Pending now = pending.compute(id, (key, before) -> {
            if (before != null && before.fresh()) {
                unsent[0] = before;
                return null;
            }
            return new Pending(null, false, 0, before == null ? new CompletableFuture<>() : before.done());
        });
        if (unsent[0] != null) {
            unsent[0].done().complete(null);
            return unsent[0].done();
        }
        open();
        return now.done();
    }

    /** Drops every write not sent yet (the node leaves, and its entries with it). */
    void clear() {
        pending.keySet().forEach(id -> {
            Pending dropped = pending.remove(id);
            if (dropped != null) {
                dropped.done().complete(null);
            }
        });
    }

    private void open() {
        if (windowOpen.compareAndSet(false, true)) {
            home.runOnContext(v -> home.owner().setTimer(GATHER_MILLIS, t -> send()));
        }
    }

    private void send() {
        List<CompletionStage<?>> sent = new ArrayList<>();
        long now = System.nanoTime();
        for (Map.Entry<String, Pending> waiting : pending.entrySet()) {
            if (sent.size() == MAX_PER_WINDOW) {
                break;
            }
            String id = waiting.getKey();
            Pending next = waiting.getValue();
            // a young entry waits for a later window; one changed since it was read here is sent with the next
            if (!next.young(now) && pending.remove(id, next)) {
                sent.add(answer(() -> next.value() == null ? map.removeAsync(id)
                        : map.setAsync(id, json.apply(next.value())), next.done()));
            }
        }
        CompletableFuture.allOf(sent.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
                    windowOpen.set(false);
                    if (!pending.isEmpty()) {
                        open();
                    }
                });
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
