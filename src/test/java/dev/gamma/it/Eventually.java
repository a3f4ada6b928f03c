package dev.gamma.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls until a condition holds, for state another thread or process reaches. */
public final class Eventually {
    private static final long POLL_MILLIS = 20;

    private Eventually() {}

    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        value(timeout, what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** The first non-null value {@code probe} returns. */
    public static <T> T value(Duration timeout, String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
