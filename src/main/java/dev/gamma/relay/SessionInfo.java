package dev.gamma.relay;

import java.util.UUID;

/**
 * Who a session is, as far as Gamma has learnt it; "-" where not known (yet), but for {@code username}, which is
 * null until a Login Start was read ("-" is a name a player may have).
 */
public record SessionInfo(
        String clientAddress, String host, String route, String backend, String username, UUID uuid, int protocol) {

    static SessionInfo of(String clientAddress) {
        return new SessionInfo(clientAddress, "-", "-", "-", null, null, -1);
    }

    SessionInfo withHandshake(String host, int protocol) {
        return new SessionInfo(clientAddress, host, route, backend, username, uuid, protocol);
    }

    SessionInfo withRoute(String route) {
        return new SessionInfo(clientAddress, host, route, backend, username, uuid, protocol);
    }

    SessionInfo withBackend(String backend) {
        return new SessionInfo(clientAddress, host, route, backend, username, uuid, protocol);
    }

    SessionInfo withPlayer(String username, UUID uuid) {
        return new SessionInfo(clientAddress, host, route, backend, username, uuid, protocol);
    }
}
