package dev.gamma.relay;

import io.netty.channel.Channel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** What happens to a socket that is still open a while after its session ended: one timer, gone with the socket. */
final class CloseDeadline {
    private CloseDeadline() {}

    /** Runs {@code late} on {@code channel}'s event loop if it is still open {@code millis} from now. */
    static void unlessClosedWithin(Channel channel, long millis, Runnable late) {
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(late, millis, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> deadline.cancel(false));
    }
}
