package dev.gamma.relay;

import io.vertx.core.Future;

/** A routed connection, as the rest of the node sees it: who it is, and what can be done to it. */
public interface PlayerSession {

    /** Unique in the cluster: the node id and a counter. */
    String id();

    /** The session as of its latest change; read it once where several of its fields must agree. */
    SessionSnapshot snapshot();

    default SessionInfo info() {
        return snapshot().info();
    }

    /** True when the backend started encryption: the stream can be closed but not read or written into. */
    default boolean encrypted() {
        return snapshot().encrypted();
    }

    SessionTraffic traffic();

    /** Wall-clock millis when the connection was accepted. */
    long connectedAt();

    /**
     * Ends the session. The future holds true when the reason reached the client as a Disconnect (framed,
     * unencrypted sessions), false when it could only be closed.
     */
    Future<Boolean> kick(String reason);

    /** Shows the player a system chat line; false when the session is encrypted, raw or not in play. */
    Future<Boolean> sendChat(String text);
}
