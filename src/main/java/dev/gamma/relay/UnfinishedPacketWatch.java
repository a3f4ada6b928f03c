package dev.gamma.relay;

import dev.gamma.pipeline.PacketPipeline;
import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a framed session whose client began a packet and still has not finished it a stall period later, however
 * many bytes of it came meanwhile: a real client finishes a packet within a round trip, and one that trickles a
 * byte now and then holds the node's memory for unfinished packets as long as it likes otherwise. One timer per
 * period, while a packet is unfinished. A client that is not read meanwhile because its backend takes nothing is
 * not blamed: its session ends a period into that as the backend's stall (see {@link StallWatch}), and any read of
 * the rest it sent finishes or replaces the packet seen.
 */
final class UnfinishedPacketWatch {
    private final Relay relay;
    private final PacketPipeline pipeline;
    private final EventLoop eventLoop;
    private ScheduledFuture<?> check;

    UnfinishedPacketWatch(Relay relay, PacketPipeline pipeline, EventLoop eventLoop) {
        this.relay = relay;
        this.pipeline = pipeline;
        this.eventLoop = eventLoop;
    }

    /** The client's last chunk left a packet unfinished: watched from here, unless one already is. */
    void packetHeld() {
        if (check == null) {
            watch(pipeline.heldClientFrame());
        }
    }

    /** The first check comes a period after the packet began, or up to a period later: it acts within two. */
    private void watch(long packet) {
        long millis = relay.stalled().toMillis();
        check = eventLoop.schedule(() -> {
            check = null;
            long now = pipeline.heldClientFrame();
            if (now == packet) {
                relay.refuseClient("client's packet unfinished for over " + millis + " ms",
                        Relay.STALLED_PACKET_MESSAGE);
            } else if (now != 0) {
                watch(now);
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
