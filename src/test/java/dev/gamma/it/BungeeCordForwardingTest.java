package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.peers.BackendOptions;
import dev.gamma.protocol.Frames;
import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.WireWriter;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A real 1.20.4 client that puts a UUID of its choosing in Login Start, through Gamma to a real server. */
class BungeeCordForwardingTest {
    private static final String CHOSEN = "069a79f4-44e9-4726-a5be-fca90e38aaf5";

    @Test
    void theBackendIsToldTheNameDerivedUuidWhateverTheClientSent() throws Exception {
        String[] forwarded = forwardedHandshake("bungee.test", "Steve");
        assertThat(forwarded).containsExactly("bungee.test", "127.0.0.1", undashed(offlineUuid("Steve")));
    }

    @Test
    void theBackendIsToldTheClientsUuidOnlyWhereTheRouteAsksForIt() throws Exception {
        String[] forwarded = forwardedHandshake("client-uuid.test", "Alex");
        assertThat(forwarded).containsExactly("client-uuid.test", "127.0.0.1", undashed(CHOSEN));
    }

    @Test
    void aLoginWhoseNameCannotBeReadIsNotForwardedUnderAnyIdentity() throws Exception {
        try (GammaFixture gamma = GammaFixture.start("""
                routes:
                  - {host: bungee.test, backend: 127.0.0.1:9, forwarding: bungeecord}
                """)) {
            try (RawClient client = RawClient.connect(gamma.port())) {
                client.send(RawClient.concat(new Handshake(765, "bungee.test", 25565, Handshake.LOGIN).encode(),
                        Frames.frame(new WireWriter().writeVarInt(0).writeVarInt(-1).toByteArray())));
                assertThat(client.readLoginDisconnect()).contains("login could not be read");
            }
        }
    }

    /** The handshake address the backend received, split at its NULs. */
    private static String[] forwardedHandshake(String host, String name) throws Exception {
        Peers.assumeAvailable();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                GammaFixture gamma = GammaFixture.start("""
                        routes:
                          - host: bungee.test
                            backend: 127.0.0.1:%1$d
                            forwarding: bungeecord
                          - host: client-uuid.test
                            backend: 127.0.0.1:%1$d
                            forwarding: bungeecord
                            forwarding-client-uuid: true
                        """.formatted(backend.port()))) {
            var options = ClientOptions.of(gamma.port(), "1.20.4").withFakeHost(host).withUsername(name)
                    .withUuid(CHOSEN);
            try (ClientPeer client = Peers.client(options)) {
                return backend.awaitLogin(name, Peers.TIMEOUT).getString("host").split("\0", -1);
            }
        }
    }

    private static String offlineUuid(String name) {
        return UUID.nameUUIDFromBytes(("OfflinePlayer:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String undashed(String uuid) {
        return uuid.replace("-", "");
    }
}
