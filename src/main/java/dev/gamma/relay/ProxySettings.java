package dev.gamma.relay;

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
        int maxGreeting) {

    static final String RATE_LIMITED_MESSAGE = "You are connecting too fast. Try again in a few seconds.";
    static final String RATE_LIMITED_MOTD = "Too many connections from your address";

    String unknownHostDisconnectFor(String host) {
        return unknownHostDisconnect.replace("{host}", host);
    }
}
