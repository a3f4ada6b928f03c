package dev.gamma.node;

import dev.gamma.protocol.Printable;
import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.SessionEvents;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several listeners of the sessions' lifecycle, told in order. One that throws is logged and the others are still
 * told: a session's end must reach the registry and the balancer whatever a listener does.
 */
record SessionListeners(List<SessionEvents> listeners) implements SessionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(SessionListeners.class);

    SessionListeners {
        listeners = List.copyOf(listeners);
    }

    @Override
    public void started(PlayerSession session) {
        tell("started", session, SessionEvents::started);
    }

    @Override
    public void changed(PlayerSession session) {
        tell("changed", session, SessionEvents::changed);
    }

    @Override
    public void ended(PlayerSession session) {
        tell("ended", session, SessionEvents::ended);
    }

    private void tell(String event, PlayerSession session, BiConsumer<SessionEvents, PlayerSession> call) {
        for (SessionEvents listener : listeners) {
            try {
                call.accept(listener, session);
            } catch (RuntimeException e) {
                LOG.error("a listener of sessions failed on {} of session {}: {}", event, session.id(),
                        Printable.escape(e.toString(), 500), e);
            }
        }
    }
}
