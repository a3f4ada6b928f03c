package dev.gamma.testkit;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting in tests, from a test thread (never an event loop): for a future's result, or by polling for state
 * another thread or process reaches. Every wait has a ceiling, reached only when the test fails.
 */
public final class Await {
    /** How long a future may take before the test gives up on it: far above what any step takes. */
    public static final Duration CEILING = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 20;

    private Await() {}

    /** The future's result; its failure (the error's cause), or no result within {@link #CEILING}, fails the test. */
    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(CEILING.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (TimeoutException e) {
            throw new AssertionError("gave up waiting after " + CEILING, e);
        }
    }

    /** The first non-null value {@code probe} returns within {@code within}. */
    public static <T> T value(Duration within, String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            pause();
        }
    }

    public static void until(Duration within, String what, BooleanSupplier condition) {
        value(within, what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** Runs {@code assertion} until it passes; past {@code within} its last failure is the test's. */
    public static void eventually(Duration within, Runnable assertion) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
