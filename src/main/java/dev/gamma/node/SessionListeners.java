package dev.gamma.node;

import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.SessionEvents;
import java.util.List;

/** Several listeners of the sessions' lifecycle, told in order. */
record SessionListeners(List<SessionEvents> listeners) implements SessionEvents {

    SessionListeners {
        listeners = List.copyOf(listeners);
    }

    @Override
    public void started(PlayerSession session) {
        listeners.forEach(l -> l.started(session));
    }

    @Override
    public void changed(PlayerSession session) {
        listeners.forEach(l -> l.changed(session));
    }

    @Override
    public void ended(PlayerSession session) {
        listeners.forEach(l -> l.ended(session));
    }
}
