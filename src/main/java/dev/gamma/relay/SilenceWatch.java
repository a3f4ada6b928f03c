package dev.gamma.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Ends a half-closed session in which nothing moves for a stall period: a peer that never finishes its half (no
 * byte read either way, none queued), or a reader that takes none of the bytes queued for it (the FIN waits behind
 * them), whatever it sends meanwhile. Any movement starts the period again, so a slow reader is not cut short. One
 * check per period.
 */
final class SilenceWatch {
    private final long periodMillis;
    private final LongSupplier bytesRead;
    private final LongSupplier bytesTaken;
    private final Supplier<String> owed;
    private final Consumer<String> end;
    private final ScheduledFuture<?> check;
    private long readAtLastCheck;
    private long takenAtLastCheck;

    /**
     * @param bytesRead  what was read from both sides so far
     * @param bytesTaken a count that grows whenever either side takes some of what is queued for it
     * @param owed       which side bytes are queued for ("client", "backend"), or null when none are
     * @param end        ends the session, with the reason to log
     */
    SilenceWatch(EventLoop eventLoop, Duration period, LongSupplier bytesRead, LongSupplier bytesTaken,
            Supplier<String> owed, Consumer<String> end) {
        this.periodMillis = period.toMillis();
        this.bytesRead = bytesRead;
        this.bytesTaken = bytesTaken;
        this.owed = owed;
        this.end = end;
        this.readAtLastCheck = bytesRead.getAsLong();
        this.takenAtLastCheck = bytesTaken.getAsLong();
        this.check = eventLoop.scheduleWithFixedDelay(this::check, periodMillis, periodMillis,
                TimeUnit.MILLISECONDS); // not at a fixed rate: after a stalled loop, checks that catch up would see little
    }

    /**
     * A count that changes whenever {@code channel}'s socket takes queued bytes, a queued chunk's first ones
     * included; it grows as long as nothing new is queued, and then what is queued came from a read.
     */
    static long bytesTaken(Channel channel) {
        ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
        return queued == null ? 0 : queued.currentProgress() - queued.totalPendingWriteBytes();
    }

    private void check() {
        long read = bytesRead.getAsLong();
        long taken = bytesTaken.getAsLong();
        String reader = owed.get();
        // a reader owed bytes is judged by what it takes: what it sends meanwhile does not keep it
        if (taken == takenAtLastCheck && (reader != null || read == readAtLastCheck)) {
            stop();
            end.accept(reader == null ? "half-closed and silent for " + periodMillis + " ms"
                    : "half-closed, and the " + reader + " took no bytes for " + periodMillis + " ms");
        }
        readAtLastCheck = read;
        takenAtLastCheck = taken;
    }

    void stop() {
        check.cancel(false);
    }
}
