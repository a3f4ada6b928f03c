package dev.gamma.relay;

import dev.gamma.vertx.VertxInternals;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One timer of a session, on the session's context; set and cancelled from its event loop only. Scheduled on the
 * event loop itself: most of these timers are cancelled within a millisecond of being set (every login sets and
 * cancels three), and a Vert.x timer would add a shared map's insert and removal to each.
 */
final class SessionTimer {
    private final Context context;
    private final EventLoop loop;
    private ScheduledFuture<?> pending;

    SessionTimer(Context context) {
        this.context = context;
        this.loop = VertxInternals.eventLoop(context);
    }

    /** Runs {@code action} after {@code millis}, unless cancelled first; replaces a timer still pending. */
    void set(long millis, Runnable action) {
        cancel();
        pending = loop.schedule(() -> {
            pending = null;
            VertxInternals.emit(context, action, Runnable::run);
        }, millis, TimeUnit.MILLISECONDS);
    }

    void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
