package dev.gamma.relay;

/** Tells the node when a player's relay starts and ends, e.g. to keep the player registry. */
public interface SessionEvents {
    SessionEvents NONE = new SessionEvents() {
        @Override
        public void started(PlayerSession session) {}

        @Override
        public void ended(PlayerSession session) {}
    };

    void started(PlayerSession session);

    void ended(PlayerSession session);
}
