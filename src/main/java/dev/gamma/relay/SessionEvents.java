package dev.gamma.relay;

/**
 * Tells the node when a player's relay starts, changes and ends, e.g. to keep the player registry. Each runs on the
 * session's event loop; {@code changed} only between {@code started} and {@code ended}.
 */
public interface SessionEvents {
    SessionEvents NONE = new SessionEvents() {
        @Override
        public void started(PlayerSession session) {}

        @Override
        public void changed(PlayerSession session) {}

        @Override
        public void ended(PlayerSession session) {}
    };

    void started(PlayerSession session);

    /** The session's {@link PlayerSession#snapshot()} changed while it relays (e.g. encryption started). */
    void changed(PlayerSession session);

    void ended(PlayerSession session);
}
