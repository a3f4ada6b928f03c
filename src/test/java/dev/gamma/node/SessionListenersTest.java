package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.it.LogLines;
import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.SessionEvents;
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
            listeners.started(new RelayingSession("s-1"));
            listeners.ended(new RelayingSession("s-1"));

            assertThat(told).containsExactly("started s-1", "ended s-1");
            assertThat(log.of(SessionListeners.class.getName())).hasSize(2).allSatisfy(line ->
                    assertThat(line).contains("session s-1", "java.lang.IllegalStateException: broken on"));
        }
    }
}
