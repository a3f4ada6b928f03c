package dev.gamma.relay;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;

/** Client connections and listener settings for tests that need no event loop. */
final class Connections {
    static final InetSocketAddress GAMMA = new InetSocketAddress("192.0.2.1", 25565);

    private Connections() {}

    /** An open connection from {@code peer} (an IP literal) to {@link #GAMMA}, on an embedded channel. */
    static ClientConnection from(String peer) {
        EmbeddedChannel channel = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress(peer, 50_000);
            }

            @Override
            protected SocketAddress localAddress0() {
                return GAMMA;
            }
        };
        return new ClientConnection(channel, null);
    }

    /** Listener settings with these greeting caps and trusted load balancers; the rest as shipped. */
    static ProxySettings settings(int maxGreetingPerIp, int maxGreeting, String... trusted) {
        return new ProxySettings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 4096, "unknown host", "No server at {host}", trusted.length > 0,
                TrustedNetworks.parse(List.of(trusted)), false, Duration.ofSeconds(5), maxGreetingPerIp, maxGreeting);
    }
}
