package dev.gamma.relay;

import dev.gamma.protocol.Handshake;
import dev.gamma.route.Hostnames;
import dev.gamma.route.Route;
import io.vertx.core.buffer.Buffer;

/** The bytes a backend receives first: the client's greeting, with the handshake host rewritten if asked. */
final class Replay {
    private Replay() {}

    static Buffer of(Route route, Handshake handshake, int handshakeLength, GreetingReader reader) {
        if (route.rewriteHost().isEmpty()) {
            return reader.buffered();
        }
        // Keep what follows the hostname (Forge markers and the like): modded clients depend on it.
        String address = route.rewriteHost() + Hostnames.suffix(handshake.address());
        return Buffer.buffer(handshake.withAddress(address).encode()).appendBuffer(reader.afterHandshake());
    }
}
