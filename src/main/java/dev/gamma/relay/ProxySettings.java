package dev.gamma.relay;

import dev.gamma.route.AccessList;
import java.time.Duration;

/**
 * The listener-wide settings a session reads when it starts; replaced as a whole on reload.
 *
 * @param loginTimeout   a relayed login not finished this long after the backend accepted ends with a Disconnect
 * @param stalled        a relayed session making no progress (see {@link Relay.Options}) is closed after this
 * @param proxyProtocol  every connection starts with a PROXY header (a listener setting: changes need a restart)
 * @param trusted        the peers allowed to send one; connections from others are refused
 * @param splice         raw sessions move bytes with splice(2) where the transport allows it
 * @param firstByteTimeout a new connection silent this long (no byte, no PROXY header) is closed
 * @param maxGreetingPerIp connections of one address in their greeting, past which more are closed at accept
 * @param maxGreeting      connections of the node in their greeting, past which more are closed at accept
 * @param maxUnfinishedFrameBytes what the frames the node's clients began and did not finish may hold together
 * @param access           the client addresses the node admits; others are closed at accept (or right after
 *                         their PROXY header), unread and unanswered
 */
public record ProxySettings(
        Duration handshakeTimeout,
        Duration connectTimeout,
        Duration loginTimeout,
        Duration stalled,
        int maxHandshakeBytes,
        String unknownHostMotd,
        String unknownHostDisconnect,
        boolean proxyProtocol,
        TrustedNetworks trusted,
        boolean splice,
        Duration firstByteTimeout,
        int maxGreetingPerIp,
        int maxGreeting,
        long maxUnfinishedFrameBytes,
        AccessList access) {

    static final String RATE_LIMITED_MESSAGE = "You are connecting too fast. Try again in a few seconds.";
    static final String RATE_LIMITED_MOTD = "Too many connections from your address";

    static final long DEFAULT_MAX_UNFINISHED_FRAME_BYTES = 64L << 20;

    /** Settings without a global access list, and the default limit of unfinished frames. */
    public ProxySettings(Duration handshakeTimeout, Duration connectTimeout, Duration loginTimeout, Duration stalled,
            int maxHandshakeBytes, String unknownHostMotd, String unknownHostDisconnect, boolean proxyProtocol,
            TrustedNetworks trusted, boolean splice, Duration firstByteTimeout, int maxGreetingPerIp,
            int maxGreeting) {
        this(handshakeTimeout, connectTimeout, loginTimeout, stalled, maxHandshakeBytes, unknownHostMotd,
                unknownHostDisconnect, proxyProtocol, trusted, splice, firstByteTimeout, maxGreetingPerIp, maxGreeting,
                DEFAULT_MAX_UNFINISHED_FRAME_BYTES, AccessList.OPEN);
    }

    public ProxySettings {
        access = access == null ? AccessList.OPEN : access;
    }

    String unknownHostDisconnectFor(String host) {
        return unknownHostDisconnect.replace("{host}", host);
    }
}
