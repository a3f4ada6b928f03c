package dev.gamma.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Hazelcast's asynchronous results as Vert.x futures. A callback on a Hazelcast future runs on Hazelcast's default
 * executor unless it is given one, and that executor is the common fork-join pool only when the JVM sees more than
 * two processors: below that it starts a new thread for every callback, two per login on a clustered node. So the
 * result is taken on the thread that completes it (a partition or response thread, for a moment) and handed to the
 * caller's context from there.
 */
final class HazelcastFutures {
    private static final Executor COMPLETING_THREAD = Runnable::run;

    private HazelcastFutures() {}

    /** {@code stage}'s result, with the future's handlers called on {@code context}. */
    static <T> Future<T> on(Context context, CompletionStage<T> stage) {
        return Future.fromCompletionStage(taken(stage), context);
    }

    /** {@code stage}'s result, taken on the thread that completes it; what depends on it runs there too. */
    static <T> CompletableFuture<T> taken(CompletionStage<T> stage) {
        CompletableFuture<T> taken = new CompletableFuture<>();
        stage.whenCompleteAsync((value, failure) -> {
            if (failure == null) {
                taken.complete(value);
            } else {
                taken.completeExceptionally(failure);
            }
        }, COMPLETING_THREAD);
        return taken;
    }
}
