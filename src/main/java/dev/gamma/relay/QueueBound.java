package dev.gamma.relay;

import java.util.function.Consumer;

/**
 * The bound on what is queued for a socket that no read holds back. Backpressure holds back what the relay forwards
 * (it stops reading one side while the other takes nothing); bytes written in answer to no read of the other side
 * (handlers' answers to what a side sends, chat broadcasts) have nothing to hold back. Past {@link #MAX_QUEUED_BYTES}
 * queued for a socket, a bound forwarding alone never reaches (the queue's high mark, then one chunk finishing one
 * frame of the largest size), the session ends: nothing more is written from the pipeline, and the sockets are
 * closed once the pipeline is done with the chunk at hand, which it must not see closed under it.
 */
final class QueueBound {
    static final long MAX_QUEUED_BYTES = 4L << 20;

    private final Consumer<String> end;
    private boolean exceeded;

    /** @param end ends the session with the reason given; called once, on a later turn of the event loop */
    QueueBound(Consumer<String> end) {
        this.end = end;
    }

    /** Whether the bound was passed: the session is ending, and nothing more is written to either side. */
    boolean exceeded() {
        return exceeded;
    }

    /** Whether {@code bytes} more may be queued for {@code to}; once one may not, nothing more may, on either side. */
    boolean admits(RelayLeg to, int bytes) {
        if (exceeded) {
            return false;
        }
        if (to.channel().isWritable() || to.writesPending() + bytes <= MAX_QUEUED_BYTES) {
            return true;
        }
        exceeded = true;
        String why = to.side() + " took too few of the bytes sent to it: over " + (MAX_QUEUED_BYTES >> 10)
                + " KiB queued";
        to.channel().eventLoop().execute(() -> end.accept(why));
        return false;
    }
}
