package dev.gamma.node;

import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.SessionInfo;
import dev.gamma.relay.SessionSnapshot;
import dev.gamma.relay.SessionTraffic;
import io.vertx.core.Future;

/** A relaying session for tests that only ask who it is: Steve on play.test, no bytes yet, nothing to kick or tell. */
record RelayingSession(String id) implements PlayerSession {
    @Override
    public SessionSnapshot snapshot() {
        return new SessionSnapshot(
                new SessionInfo("127.0.0.1", "play.test", "play.test", "127.0.0.1:25566", "Steve", null, 769),
                SessionSnapshot.Stage.RELAYING, false);
    }

    @Override
    public SessionTraffic traffic() {
        return new SessionTraffic();
    }

    @Override
    public long connectedAt() {
        return 0;
    }

    @Override
    public Future<Boolean> kick(String reason) {
        return Future.succeededFuture(false);
    }

    @Override
    public Future<Boolean> sendChat(String text) {
        return Future.succeededFuture(false);
    }
}
