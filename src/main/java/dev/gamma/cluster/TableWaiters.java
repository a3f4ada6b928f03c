package dev.gamma.cluster;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Callers waiting until the published route table shows their own write (its entry event comes back a few
 * milliseconds after the write). A write whose event never shows, because another write replaced it at once,
 * stops waiting after {@value #PATIENCE_MILLIS} ms. Used from the table's context only.
 */
final class TableWaiters {
    static final long PATIENCE_MILLIS = 3_000;

    private record Waiter(Predicate<Map<String, SharedRoute>> done, CompletableFuture<Void> result, long timer) {}

    private final Vertx vertx;
    private final List<Waiter> waiting = new ArrayList<>();

    TableWaiters(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Completes at once if {@code table} already shows it, else at the first publication that does. */
    CompletionStage<Void> await(Context context, Supplier<Map<String, SharedRoute>> table,
            Predicate<Map<String, SharedRoute>> done) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (done.test(table.get())) {
                result.complete(null);
                return;
            }
            long timer = vertx.setTimer(PATIENCE_MILLIS, id -> {
                waiting.removeIf(waiter -> waiter.result() == result);
                result.complete(null);
            });
            waiting.add(new Waiter(done, result, timer));
        });
        return result;
    }

    void published(Map<String, SharedRoute> table) {
        for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.done().test(table)) {
                it.remove();
                vertx.cancelTimer(waiter.timer());
                waiter.result().complete(null);
            }
        }
    }
}
