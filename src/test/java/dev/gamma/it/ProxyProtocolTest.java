package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.protocol.ProxyHeader;
import dev.gamma.relay.PlayerSession;
import dev.gamma.testkit.Await;
import dev.gamma.testkit.Closing;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PROXY protocol both ways. Gamma trusts only 127.0.0.5, the address HAProxy connects from; players connect
 * from 127.0.0.1 (or, for raw senders, claim addresses from the documentation ranges).
 */
class ProxyProtocolTest {
    private static final String TRUSTED_PEER = "127.0.0.5";
    private static final InetSocketAddress PLAYER4 = new InetSocketAddress("198.51.100.7", 4444);
    private static final InetSocketAddress PLAYER6 = new InetSocketAddress("2001:db8::7", 4444);

    private static BackendPeer backend;
    private static CaptureBackend v1Capture;
    private static CaptureBackend v2Capture;
    private static CaptureBackend bungeeCapture;
    private static GammaFixture gamma;
    private static HaproxyFixture haproxy;
    private static int haproxyV1;
    private static int haproxyV2;

    @BeforeAll
    static void start() throws Exception {
        HaproxyFixture.assumeInstalled();
        Peers.assumeAvailable();
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        v1Capture = new CaptureBackend(true);
        v2Capture = new CaptureBackend(true);
        bungeeCapture = new CaptureBackend(false);
        gamma = GammaFixture.start("""
                proxy-protocol: {enabled: true, trusted: [%s]}
                timeouts: {handshake: 2s}
                routes:
                  - host: real.test
                    backend: 127.0.0.1:%d
                  - host: v1.test
                    backend: 127.0.0.1:%d
                    proxy-protocol: v1
                  - host: v2.test
                    backend: 127.0.0.1:%d
                    proxy-protocol: v2
                  - host: bungee.test
                    backend: 127.0.0.1:%d
                    forwarding: bungeecord
                """.formatted(TRUSTED_PEER, backend.port(), v1Capture.port(), v2Capture.port(), bungeeCapture.port()));
        haproxyV1 = GammaFixture.freePort();
        haproxyV2 = GammaFixture.freePort();
        haproxy = HaproxyFixture.start("""
                defaults
                  mode tcp
                  timeout connect 5s
                  timeout client 30s
                  timeout server 30s
                frontend send_v1
                  bind 127.0.0.1:%1$d
                  default_backend gamma_v1
                frontend send_v2
                  bind 127.0.0.1:%2$d
                  default_backend gamma_v2
                backend gamma_v1
                  server gamma 127.0.0.1:%3$d send-proxy source %4$s
                backend gamma_v2
                  server gamma 127.0.0.1:%3$d send-proxy-v2 source %4$s
                """.formatted(haproxyV1, haproxyV2, gamma.port(), TRUSTED_PEER), haproxyV2);
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(haproxy, gamma, backend, v1Capture, v2Capture, bungeeCapture);
    }

    @ParameterizedTest(name = "send-proxy {0}")
    @ValueSource(strings = {"v1", "v2"})
    void realClientLogsInThroughHaproxyAndGammaSeesItsAddress(String version) {
        String name = "Via" + version;
        int port = version.equals("v1") ? haproxyV1 : haproxyV2;
        var options = ClientOptions.of(port, "1.20.4").withFakeHost("real.test").withUsername(name);
        try (ClientPeer client = Peers.client(options)) {
            backend.awaitLogin(name, Peers.TIMEOUT);
            client.await("login", Peers.TIMEOUT);
            PlayerSession session = Await.value(Peers.TIMEOUT, name + " online", () -> gamma.node().players()
                    .stream().filter(p -> name.equals(p.info().username())).findFirst().orElse(null));
            assertThat(session.info().clientAddress())
                    .as("the player's address from the header, not HAProxy's %s", TRUSTED_PEER)
                    .isEqualTo("127.0.0.1");
        }
    }

    @Test
    void headerFromAnUntrustedPeerIsRefused() throws Exception {
        try (RawClient client = RawClient.connect(gamma.port())) {
            // one write: a second one could meet the connection already refused (a broken pipe, not an answer)
            client.send(RawClient.concat(ProxyHeader.v1(PLAYER4, new InetSocketAddress("127.0.0.1", gamma.port())),
                    RawClient.login("real.test", 765, "Sneaky")));
            // closed at accept: the bytes sent meet a closed socket, so the close may come as a reset
            assertThat(client.readUntilClosed(5_000)).as("closed without an answer").isEmpty();
        }
    }

    @Test
    void connectionWithoutHeaderIsRefusedWithinTheHandshakeDeadline() throws Exception {
        try (RawClient client = RawClient.connectFrom(TRUSTED_PEER, gamma.port())) {
            client.sendLogin("real.test", 765, "NoHeader");
            assertThat(client.readToEnd()).as("closed without an answer").isEmpty();
        }
    }

    @Test
    void garbageHeaderFromATrustedPeerIsRefused() throws Exception {
        try (RawClient client = RawClient.connectFrom(TRUSTED_PEER, gamma.port())) {
            client.send("PROXY TCP4 not-an-address 1.2.3.4 x y\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readToEnd()).isEmpty();
        }
    }

    @Test
    void trustedPeerWithAValidHeaderGetsAnswered() throws Exception {
        try (RawClient client = RawClient.connectFrom(TRUSTED_PEER, gamma.port())) {
            client.send(ProxyHeader.v2(PLAYER4, new InetSocketAddress("127.0.0.1", gamma.port())));
            client.sendLogin("nowhere.test", 765, "Honest");
            assertThat(client.readLoginDisconnect()).contains("There is no server at nowhere.test");
        }
    }

    @Test
    void v1HeaderToTheBackendCarriesThePlayersAddress() throws Exception {
        try (RawClient client = RawClient.connectFrom(TRUSTED_PEER, gamma.port())) {
            client.send(ProxyHeader.v1(PLAYER4, new InetSocketAddress("192.0.2.1", 25565)));
            client.sendLogin("v1.test", 765, "Forwarded");
            CaptureBackend.Captured captured = v1Capture.await();
            assertThat(captured.proxy().protocolVersion().name()).isEqualTo("V1");
            assertThat(captured.proxy().proxiedProtocol()).isEqualTo(HAProxyProxiedProtocol.TCP4);
            assertThat(captured.proxy().sourceAddress()).isEqualTo("198.51.100.7");
            assertThat(captured.proxy().sourcePort()).isEqualTo(4444);
            assertThat(captured.handshake().address()).isEqualTo("v1.test");
        }
    }

    @Test
    void v2HeaderToTheBackendCarriesAnIpv6PlayerAsTcp6() throws Exception {
        try (RawClient client = RawClient.connectFrom(TRUSTED_PEER, gamma.port())) {
            client.send(ProxyHeader.v2(PLAYER6, new InetSocketAddress("2001:db8::1", 25565)));
            client.sendLogin("v2.test", 765, "SixPlayer");
            CaptureBackend.Captured captured = v2Capture.await();
            assertThat(captured.proxy().protocolVersion().name()).isEqualTo("V2");
            assertThat(captured.proxy().proxiedProtocol()).isEqualTo(HAProxyProxiedProtocol.TCP6);
            assertThat(InetAddress.getByName(captured.proxy().sourceAddress())).isEqualTo(PLAYER6.getAddress());
            assertThat(captured.proxy().sourcePort()).isEqualTo(4444);
            assertThat(captured.handshake().address()).isEqualTo("v2.test");
        }
    }

    @Test
    void bungeeCordForwardingPutsAddressAndOfflineUuidInTheHandshake() throws Exception {
        try (RawClient client = RawClient.connectFrom(TRUSTED_PEER, gamma.port())) {
            client.send(ProxyHeader.v1(PLAYER4, new InetSocketAddress("192.0.2.1", 25565)));
            client.sendLogin("bungee.test\0FML2\0", 340, "Notch");
            String offlineUuid = UUID.nameUUIDFromBytes("OfflinePlayer:Notch".getBytes(StandardCharsets.UTF_8))
                    .toString().replace("-", "");
            assertThat(bungeeCapture.await().handshake().address())
                    .isEqualTo("bungee.test\0" + "198.51.100.7\0" + offlineUuid);
        }
    }
}
