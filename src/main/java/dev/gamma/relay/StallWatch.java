package dev.gamma.relay;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Ends a session whose reader takes no bytes for the relay's stall period while bytes wait for it, copied or
 * spliced alike: one timer per period, and any progress in a period starts a new one.
 */
final class StallWatch {
    private final Relay relay;
    private final RelayLeg reader;
    private final BooleanSupplier waiting;
    private final LongSupplier progress;
    private ScheduledFuture<?> check;

    /**
     * @param waiting  whether bytes still wait for {@code reader}
     * @param progress a count that grows whenever {@code reader} takes bytes
     */
    StallWatch(Relay relay, RelayLeg reader, BooleanSupplier waiting, LongSupplier progress) {
        this.relay = relay;
        this.reader = reader;
        this.waiting = waiting;
        this.progress = progress;
    }

    /** Bytes wait for the reader now: watched from here, unless they already are. */
    void bytesWait() {
        if (check == null) {
            watch(progress.getAsLong());
        }
    }

    private void watch(long progressSeen) {
        long millis = relay.stalled().toMillis();
        check = reader.channel().eventLoop().schedule(() -> {
            check = null;
            if (!waiting.getAsBoolean()) {
                return;
            }
            if (progress.getAsLong() != progressSeen) {
                watch(progress.getAsLong());
                return;
            }
            relay.closeBoth(reader.side() + " took no bytes for " + millis + " ms");
        }, millis, TimeUnit.MILLISECONDS);
    }

    void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
