package dev.gamma.relay;

import dev.gamma.vertx.VertxInternals;
import io.vertx.core.Context;

/** One timer of a session, on the session's context; set and cancelled from its event loop only. */
final class SessionTimer {
    private final Context context;
    private long id = -1;

    SessionTimer(Context context) {
        this.context = context;
    }

    /** Runs {@code action} after {@code millis}, unless cancelled first; replaces a timer still pending. */
    void set(long millis, Runnable action) {
        cancel();
        id = VertxInternals.setTimer(context, millis, fired -> {
            id = -1;
            action.run();
        });
    }

    void cancel() {
        if (id >= 0) {
            context.owner().cancelTimer(id);
            id = -1;
        }
    }
}
