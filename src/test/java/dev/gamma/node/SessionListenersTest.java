package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.it.LogLines;
import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.SessionEvents;
import dev.gamma.relay.SessionSnapshot;
import dev.gamma.relay.SessionTraffic;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A listener that throws is logged, and the ones after it are told all the same. */
class SessionListenersTest {

    @Test
    void aSessionsEndReachesEveryListenerWhenOneThrows() {
        List<String> told = new ArrayList<>();
        SessionEvents broken = new SessionEvents() {
            @Override
            public void started(PlayerSession session) {
                throw new IllegalStateException("broken on start");
            }

            @Override
            public void changed(PlayerSession session) {}

            @Override
            public void ended(PlayerSession session) {
                throw new IllegalStateException("broken on end");
            }
        };
        SessionEvents recording = new SessionEvents() {
            @Override
            public void started(PlayerSession session) {
                told.add("started " + session.id());
            }

            @Override
            public void changed(PlayerSession session) {}

            @Override
            public void ended(PlayerSession session) {
                told.add("ended " + session.id());
            }
        };
        SessionListeners listeners = new SessionListeners(List.of(broken, recording));

        try (LogLines log = new LogLines()) {
            listeners.started(new Session("s-1"));
            listeners.ended(new Session("s-1"));

            assertThat(told).containsExactly("started s-1", "ended s-1");
            assertThat(log.of(SessionListeners.class.getName())).hasSize(2).allSatisfy(line ->
                    assertThat(line).contains("session s-1", "java.lang.IllegalStateException: broken on"));
        }
    }

    /** Only its id is asked for. */
    private record Session(String id) implements PlayerSession {
        @Override
        public SessionSnapshot snapshot() {
            throw new UnsupportedOperationException();
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
}
