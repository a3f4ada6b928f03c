package dev.gamma.relay;

import java.util.function.LongSupplier;

/**
 * How many connections refused by the node's access list to report in one log line now: a flood of denied
 * addresses (a whole range knocking) must not make the log the bottleneck, so at most {@link #LINES_PER_SECOND}
 * lines a second are written and each names how many closes went unlogged before it. Thread-safe: accepts come
 * from every event loop.
 */
final class DeniedLog {
    static final int LINES_PER_SECOND = 10;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private long windowStart;
    private int linesInWindow;
    private int unlogged;

    DeniedLog(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /** A denied close: 0 to stay quiet, else 1 plus the closes left unlogged since the last line. */
    synchronized int report() {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= SECOND_NANOS) {
            windowStart = now;
            linesInWindow = 0;
        }
        if (linesInWindow >= LINES_PER_SECOND) {
            unlogged++;
            return 0;
        }
        linesInWindow++;
        int closes = unlogged + 1;
        unlogged = 0;
        return closes;
    }

    static String detail(String why, int closes) {
        return closes > 1 ? why + "; " + (closes - 1) + " other denied closes not logged before this line" : why;
    }
}
