package dev.gamma.relay;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.ProxyHeader;
import dev.gamma.route.Hostnames;
import dev.gamma.route.Route;
import io.vertx.core.buffer.Buffer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The bytes a backend receives first: a PROXY header if the route asks for one, then the client's greeting,
 * its handshake address rewritten where the route says so (rewrite-host, BungeeCord forwarding).
 */
final class Replay {
    private Replay() {}

    /** Who the backend should be told it is talking to. */
    record Player(InetSocketAddress address, InetSocketAddress gammaAddress, String name, UUID uuid) {}

    /** The client's address and the one it connected to. */
    record Addresses(InetSocketAddress client, InetSocketAddress gamma) {}

    static Buffer of(Route route, Greeting.Login login, GreetingReader reader, Player player) {
        Buffer out = Buffer.buffer(reader.length() + 128);
        switch (route.proxyProtocol()) {
            case "v1" -> out.appendBytes(ProxyHeader.v1(player.address(), player.gammaAddress()));
            case "v2" -> out.appendBytes(ProxyHeader.v2(player.address(), player.gammaAddress()));
            default -> { }
        }
        Handshake handshake = login.handshake();
        String address = forwardedAddress(route, handshake.address(), player);
        if (address.equals(handshake.address())) {
            return out.appendBuffer(reader.buffered());
        }
        return out.appendBytes(handshake.withAddress(address).encode()).appendBuffer(reader.afterHandshake());
    }

    static String forwardedAddress(Route route, String typed, Player player) {
        String host = route.rewriteHost().isEmpty() ? typed : route.rewriteHost() + Hostnames.suffix(typed);
        if (!"bungeecord".equals(route.forwarding())) {
            return host;
        }
        // BungeeCord's legacy forwarding: host\0ip\0uuid, which Spigot and Paper read in bungeecord mode.
        String bareHost = host.substring(0, host.length() - Hostnames.suffix(host).length());
        return bareHost + "\0" + player.address().getAddress().getHostAddress() + "\0"
                + undashed(forwardedUuid(route, player));
    }

    /**
     * The name-derived offline UUID, as BungeeCord and Velocity send for offline-mode players: the backend trusts
     * it, so the UUID a client chose in Login Start would let it take any account. A route may opt into the
     * client's UUID where players' own account UUIDs matter more than that risk.
     */
    static UUID forwardedUuid(Route route, Player player) {
        if (route.forwardingClientUuid() && player.uuid() != null) {
            return player.uuid();
        }
        return offlineUuid(player.name() == null ? "" : player.name());
    }

    /** The UUID an offline-mode server gives {@code name}. */
    static UUID offlineUuid(String name) {
        return UUID.nameUUIDFromBytes(("OfflinePlayer:" + name).getBytes(StandardCharsets.UTF_8));
    }

    private static String undashed(UUID uuid) {
        return uuid.toString().replace("-", "");
    }
}
