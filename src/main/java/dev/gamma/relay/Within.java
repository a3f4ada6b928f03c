package dev.gamma.relay;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** A step's outcome if it comes within its time, else a failure naming the step; what comes too late is let go. */
final class Within {
    private Within() {}

    /**
     * {@code step}'s outcome, or a {@link TimeoutException} saying "{@code what} took over {@code millis} ms" if it
     * has none by then; a result that arrives after that is handed to {@code discardLate} (a socket to close).
     */
    static <T> Future<T> millis(Vertx vertx, Future<T> step, long millis, String what, Consumer<T> discardLate) {
        if (step.isComplete()) {
            return step;
        }
        Promise<T> bounded = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, millis),
                t -> bounded.tryFail(new TimeoutException(what + " took over " + millis + " ms")));
        step.onComplete(done -> {
            vertx.cancelTimer(timer);
            boolean inTime = done.succeeded() ? bounded.tryComplete(done.result()) : bounded.tryFail(done.cause());
            if (!inTime && done.succeeded()) {
                discardLate.accept(done.result());
            }
        });
        return bounded.future();
    }
}
