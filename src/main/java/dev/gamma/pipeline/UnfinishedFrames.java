package dev.gamma.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The node's memory for frames its clients began and have not finished, on framed routes and in watched logins:
 * what they hold together, and the most they may ({@code limits.max-unfinished-packets-mib}). A connection keeps
 * up to {@link #FREE_BYTES} of a frame without counting (what one of its reads costs anyway); past that it takes
 * from here, and is refused when the node's clients hold the limit already. How long it may hold it is the relay's
 * to bound ({@code timeouts.stalled}, or a watched login's {@code timeouts.login}). Shared by every connection of a
 * node, on any event loop. Frames from backends are not counted: their size is the backend's, and each connection
 * keeps at most one of them.
 */
public final class UnfinishedFrames {
    /** What a player whose frame is refused reads. */
    public static final String PLAYER_MESSAGE = "The proxy is too busy to take large packets right now. Try again in a moment.";
    public static final int FREE_BYTES = 4096;

    private final LongSupplier limitBytes;
    private final AtomicLong held = new AtomicLong();
    private final LongAdder refused = new LongAdder();
    private final LongAdder stalled = new LongAdder();

    public UnfinishedFrames(LongSupplier limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** Without a limit: for a pipeline outside a node. */
    public static UnfinishedFrames unlimited() {
        return new UnfinishedFrames(() -> Long.MAX_VALUE);
    }

    /** Bytes of unfinished client frames counted now, past each connection's free share. */
    public long held() {
        return held.get();
    }

    /** Frames refused (a framed session closed, or a login no longer watched) since the node started. */
    public long refused() {
        return refused.sum();
    }

    /** Frames left unfinished for a whole {@code timeouts.stalled} period (their sessions ended) since the start. */
    public long stalled() {
        return stalled.sum();
    }

    void countStalled() {
        stalled.increment();
    }

    /** Counts {@code bytes} more, or throws {@link Refused} and counts nothing if that would pass the limit. */
    void take(int bytes) {
        long limit = limitBytes.getAsLong();
        long now;
        do {
            now = held.get();
            if (now + bytes > limit) {
                refused.increment();
                throw new Refused("the node's clients hold " + (limit >> 20)
                        + " MiB of unfinished packets already (limits.max-unfinished-packets-mib)");
            }
        } while (!held.compareAndSet(now, now + bytes));
    }

    void giveBack(int bytes) {
        held.addAndGet(-bytes);
    }

    /** A client's frame does not fit in what the node's clients may hold; what it kept is given back. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
