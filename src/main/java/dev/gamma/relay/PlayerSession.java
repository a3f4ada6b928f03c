package dev.gamma.relay;

import io.vertx.core.Future;

/** A routed connection, as the rest of the node sees it: who it is, and what can be done to it. */
public interface PlayerSession {

    /** Unique in the cluster: the node id and a counter. */
    String id();

    SessionInfo info();

    SessionTraffic traffic();

    /** Wall-clock millis when the connection was accepted. */
    long connectedAt();

    /** True when the backend started encryption: the stream can be closed but not read or written into. */
    boolean encrypted();

    /**
     * Ends the session. The future holds true when the reason reached the client as a Disconnect (framed,
     * unencrypted sessions), false when it could only be closed.
     */
    Future<Boolean> kick(String reason);

    /** Shows the player a system chat line; false when the session is encrypted, raw or not in play. */
    Future<Boolean> sendChat(String text);
}
