package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes the current thread allocates while decoding, as HotSpot counts them. The decode runs twice and
 * the second run is measured, so that loading and initialising classes on first use is not counted.
 */
final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {}

    static void atMost(long bytes, String what, Runnable decode) {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            decode.run();
            return;
        }
        decode.run();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        decode.run();
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by %s", what).isLessThanOrEqualTo(bytes);
    }

    /** Runs {@code decode}, letting a {@link ProtocolException} end it: the answer does not matter here. */
    static Runnable quietly(Runnable decode) {
        return () -> {
            try {
                decode.run();
            } catch (ProtocolException refused) {
                // a refusal is an answer too; what it cost is what is measured
            }
        };
    }
}
