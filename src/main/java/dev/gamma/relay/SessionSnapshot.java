package dev.gamma.relay;

/**
 * A session as other threads see it (the registry refresh, metrics scrapes, kick and broadcast): immutable, and
 * replaced as a whole, from the session's event loop, whenever the session changes.
 *
 * @param encrypted the backend started encryption: the stream can be closed but not read or written into
 */
public record SessionSnapshot(SessionInfo info, Stage stage, boolean encrypted) {

    /** Where a session is in its life. */
    public enum Stage {
        /** Reading the handshake (after the PROXY header, where the listener expects one). */
        GREETING,
        /** Answering a server-list ping. */
        STATUS,
        /** A login passed its checks; its backend is being connected. */
        CONNECTING,
        /** Relaying between the client and its backend: a player. */
        RELAYING,
        ENDED
    }

    static SessionSnapshot accepted(String clientAddress) {
        return new SessionSnapshot(SessionInfo.of(clientAddress), Stage.GREETING, false);
    }

    public boolean relaying() {
        return stage == Stage.RELAYING;
    }

    SessionSnapshot with(SessionInfo changed) {
        return new SessionSnapshot(changed, stage, encrypted);
    }

    SessionSnapshot at(Stage next) {
        return new SessionSnapshot(info, next, encrypted);
    }

    SessionSnapshot encrypted(boolean now) {
        return new SessionSnapshot(info, stage, now);
    }
}
