package dev.gamma.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.ProtocolException;
import java.lang.management.ManagementFactory;

/**
 * Heap bytes the current thread allocates while it does some work (a decode, a registry change), as HotSpot counts
 * them. The work runs once before it is measured, so that loading and initialising classes on first use is not
 * counted; a measure over the limit is taken twice more and the least counts, since work that allocates by a
 * claimed length or a table's size does so every time, while the counter can jump once (a garbage collection, an
 * agent at work in the same thread).
 */
public final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {}

    public static void atMost(long bytes, String what, Runnable decode) {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            decode.run();
            return;
        }
        decode.run();
        long allocated = Long.MAX_VALUE;
        for (int i = 0; i < 3 && allocated > bytes; i++) {
            allocated = Math.min(allocated, measure(decode));
        }
        assertThat(allocated).as("bytes allocated by %s", what).isLessThanOrEqualTo(bytes);
    }

    private static long measure(Runnable decode) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        decode.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    /** Runs {@code decode}, letting a {@link ProtocolException} end it: the answer does not matter here. */
    public static Runnable quietly(Runnable decode) {
        return () -> {
            try {
                decode.run();
            } catch (ProtocolException refused) {
                // a refusal is an answer too; what it cost is what is measured
            }
        };
    }
}
