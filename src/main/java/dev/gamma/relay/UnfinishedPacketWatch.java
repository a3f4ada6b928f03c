package dev.gamma.relay;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Ends a framed session whose client began a packet and still has not finished it a stall period later, however
 * many bytes of it came meanwhile: a real client sends a packet in far less, and one that trickles a byte now and
 * then would hold the node's memory for unfinished packets as long as it liked. One timer per period, while a
 * packet is unfinished. A period in which the relay stopped reading the client (its backend took no more) is not
 * held against it: the watch looks again a period later.
 */
final class UnfinishedPacketWatch {
    private final EventLoop eventLoop;
    private final long periodMillis;
    private final LongSupplier unfinishedPacket;
    private final LongSupplier clientHolds;
    private final Consumer<String> end;
    private ScheduledFuture<?> check;
    private boolean stopped;

    /**
     * @param unfinishedPacket which of the client's packets is unfinished now (numbered as they began), 0 if none
     * @param clientHolds      counts each time the relay stops reading the client (its backend cannot take more)
     *                         and each time it reads it again: odd while it does not
     * @param end              ends the session, with the reason to log
     */
    UnfinishedPacketWatch(EventLoop eventLoop, Duration period, LongSupplier unfinishedPacket, LongSupplier clientHolds,
            Consumer<String> end) {
        this.eventLoop = eventLoop;
        this.periodMillis = period.toMillis();
        this.unfinishedPacket = unfinishedPacket;
        this.clientHolds = clientHolds;
        this.end = end;
    }

    /** The client's last chunk left a packet unfinished: watched from here, unless one already is. */
    void packetHeld() {
        if (check == null && !stopped) {
            watch(unfinishedPacket.getAsLong());
        }
    }

    /** The first check comes a period after the packet began, or up to a period later: it acts within two. */
    private void watch(long packet) {
        long holds = clientHolds.getAsLong();
        check = eventLoop.schedule(() -> {
            check = null;
            long now = unfinishedPacket.getAsLong();
            if (now == 0 || stopped) {
                return;
            }
            if (now == packet && clientHolds.getAsLong() == holds && holds % 2 == 0) { // read all period long
                stopped = true;
                end.accept("client's packet unfinished for over " + periodMillis + " ms");
            } else {
                watch(now);
            }
        }, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** The session is ending: no check runs from now on. */
    void stop() {
        stopped = true;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
