package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real node-minecraft-protocol clients and servers through a Gamma node: routing, login, relay, status. */
class RoutingInteropTest {
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final AtomicInteger PLAYERS = new AtomicInteger();

    private static BackendPeer alpha;
    private static BackendPeer beta;
    private static BackendPeer online;
    private static GammaFixture gamma;
    private static int deadPort;

    @BeforeAll
    static void start() {
        Peers.assumeAvailable();
        alpha = Peers.backend(BackendOptions.defaults().withAnyVersion().withName("alpha").withMotd("Alpha MOTD"));
        beta = Peers.backend(BackendOptions.defaults().withAnyVersion().withName("beta").withMotd("Beta MOTD"));
        online = Peers.backend(BackendOptions.defaults().withVersion("1.20.4").withName("online").withOnlineMode(true));
        deadPort = GammaFixture.freePort();
        gamma = GammaFixture.start("""
                routes:
                  - host: alpha.test
                    backend: 127.0.0.1:%1$d
                  - host: [beta.test, "*.beta.test"]
                    backend: 127.0.0.1:%2$d
                  - host: online.test
                    backend: 127.0.0.1:%3$d
                  - host: down.test
                    backend: 127.0.0.1:%4$d
                    status: {fallback: {motd: "Down for the night", version: "Maintenance"}}
                    messages: {backend-down: "Alpha is asleep, come back later"}
                  - host: failover.test
                    backends: [127.0.0.1:%4$d, 127.0.0.1:%1$d]
                  - host: rewrite.test
                    backend: 127.0.0.1:%1$d
                    rewrite-host: internal.alpha
                  - host: cached.test
                    backend: 127.0.0.1:%2$d
                    status: {cache-ttl: 1h}
                unknown-host: {motd: "No such server", disconnect: "Nothing at {host}"}
                """.formatted(alpha.port(), beta.port(), online.port(), deadPort));
    }

    @AfterAll
    static void stop() {
        if (gamma != null) {
            gamma.close();
        }
        for (BackendPeer peer : new BackendPeer[] {alpha, beta, online}) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.8.9", "1.12.2", "1.16.5", "1.20.4", "1.21.4", Peers.NEWEST_VERSION})
    void loginAndChatRelayForEachVersion(String version) {
        String name = player();
        try (ClientPeer client = client("alpha.test", version, name).withChat("hello " + version).start()) {
            JsonObject seen = alpha.awaitLogin(name, WAIT);
            assertThat(seen.getString("host")).isEqualTo("alpha.test");
            client.await("login", WAIT);
            assertThat(alpha.awaitChat(name, WAIT).getString("message")).isEqualTo("hello " + version);
            client.await(e -> "chat".equals(e.getString("event"))
                    && ("echo: hello " + version).equals(e.getString("text")), "echo", WAIT);
        }
    }

    @Test
    void hostnameChoosesTheBackend() {
        String name = player();
        try (ClientPeer client = client("beta.test", "1.20.4", name).start()) {
            assertThat(beta.awaitLogin(name, WAIT).getString("name")).isEqualTo("beta");
            client.await("login", WAIT);
            assertThat(session(name).encrypted()).as("an offline-mode backend never turns on encryption").isFalse();
        }
        assertThat(alpha.events()).noneMatch(e -> name.equals(e.getString("username")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ALPHA.Test", "alpha.test.", "alpha.test\u0000FML\u0000", "alpha.test\u0000FML2\u0000",
        "alpha.test\u0000FML3\u0000", "alpha.test.\u0000FORGE"})
    void forgeMarkedUpperCaseAndTrailingDotHostnamesRoute(String typed) {
        String name = player();
        try (ClientPeer client = client(typed, "1.12.2", name).start()) {
            assertThat(alpha.awaitLogin(name, WAIT).getString("host"))
                    .as("the backend gets the address exactly as the client sent it").isEqualTo(typed);
            client.await("login", WAIT);
        }
    }

    @Test
    void wildcardRouteServesSubdomains() {
        String name = player();
        try (ClientPeer client = client("eu.lobby.beta.test", "1.21.4", name).start()) {
            assertThat(beta.awaitLogin(name, WAIT).getString("host")).isEqualTo("eu.lobby.beta.test");
        }
    }

    @Test
    void defaultRouteCatchesEveryOtherHost() {
        try (GammaFixture withDefault = GammaFixture.start("""
                routes:
                  - host: "*"
                    backend: 127.0.0.1:%d
                """.formatted(beta.port()))) {
            String name = player();
            var options = ClientOptions.of(withDefault.port(), "1.16.5").withFakeHost("whatever.example").withUsername(name);
            try (ClientPeer client = Peers.client(options)) {
                assertThat(beta.awaitLogin(name, WAIT).getString("host")).isEqualTo("whatever.example");
            }
        }
    }

    /** Where epoll is missing, one NIO listener accepts on the first event loop and hands connections to all. */
    @Test
    void theNioTransportPingsRoutesAndRelaysAsWell() {
        try (GammaFixture nio = GammaFixture.startOnNio("""
                routes:
                  - host: alpha.test
                    backend: 127.0.0.1:%d
                """.formatted(alpha.port()))) {
            assertThat(nio.vertx().isNativeTransportEnabled()).isFalse();
            assertThat(motd(Peers.ping("127.0.0.1", nio.port(), "alpha.test", "1.21.4"))).isEqualTo("Alpha MOTD");
            for (int i = 0; i < 3; i++) { // consecutive connections land on different event loops
                String name = player();
                var options = ClientOptions.of(nio.port(), "1.21.4").withFakeHost("alpha.test").withUsername(name)
                        .withChat("over nio " + i);
                try (ClientPeer client = Peers.client(options)) {
                    assertThat(alpha.awaitChat(name, WAIT).getString("message")).isEqualTo("over nio " + i);
                    String echo = "echo: over nio " + i;
                    client.await(e -> "chat".equals(e.getString("event")) && echo.equals(e.getString("text")),
                            "echo", WAIT);
                }
            }
        }
    }

    @Test
    void encryptedLoginRelays() {
        String name = player();
        try (ClientPeer client = client("online.test", "1.20.4", name).withChat("secret hello").start()) {
            online.awaitLogin(name, WAIT);
            client.await("login", WAIT);
            assertThat(online.awaitChat(name, WAIT).getString("message")).isEqualTo("secret hello");
            assertThat(session(name).encrypted()).as("raw relay, but the login was watched").isTrue();
        }
    }

    @Test
    void failoverReachesTheNextBackendWhenTheFirstIsDown() {
        String name = player();
        try (ClientPeer client = client("failover.test", "1.20.4", name).start()) {
            alpha.awaitLogin(name, WAIT);
            client.await("login", WAIT);
        }
    }

    @Test
    void rewriteHostReplacesTheForwardedHostname() {
        String name = player();
        try (ClientPeer client = client("rewrite.test\u0000FML2\u0000", "1.16.5", name).start()) {
            assertThat(alpha.awaitLogin(name, WAIT).getString("host")).isEqualTo("internal.alpha\u0000FML2\u0000");
        }
    }

    @Test
    void unknownHostLoginShowsTheConfiguredReason() {
        try (ClientPeer client = client("nowhere.test", "1.21.4", player()).start()) {
            assertThat(client.await("kicked", WAIT).getString("reason")).isEqualTo("Nothing at nowhere.test");
        }
    }

    @Test
    void deadBackendLoginShowsTheBackendDownMessage() {
        try (ClientPeer client = client("down.test", "1.8.9", player()).start()) {
            assertThat(client.await("kicked", WAIT).getString("reason")).isEqualTo("Alpha is asleep, come back later");
        }
    }

    @Test
    void serverListShowsBackendMotdFallbackOrUnknownHost() {
        assertThat(motd(Peers.ping("127.0.0.1", gamma.port(), "alpha.test", "1.21.4"))).isEqualTo("Alpha MOTD");
        JsonObject down = Peers.ping("127.0.0.1", gamma.port(), "down.test", "1.21.4");
        assertThat(motd(down)).isEqualTo("Down for the night");
        assertThat(down.getJsonObject("version").getString("name")).isEqualTo("Maintenance");
        assertThat(motd(Peers.ping("127.0.0.1", gamma.port(), "nowhere.test", "1.21.4"))).isEqualTo("No such server");
    }

    @Test
    void statusIsCachedSoTheBackendIsPingedOncePerTtl() {
        for (int i = 0; i < 3; i++) {
            assertThat(motd(Peers.ping("127.0.0.1", gamma.port(), "cached.test", "1.20.4"))).isEqualTo("Beta MOTD");
        }
        long backendPings = beta.events().stream()
                .filter(e -> "ping".equals(e.getString("event")) && "cached.test".equals(e.getString("host")))
                .count();
        assertThat(backendPings).isEqualTo(1);
    }

    @Test
    void legacyPingGetsAnFfReplyWithTheBackendsMotd() throws Exception {
        Peers.ping("127.0.0.1", gamma.port(), "alpha.test", "1.20.4"); // any answer fills the route's cache
        try (Socket socket = new Socket("127.0.0.1", gamma.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(LegacyPings.v16("alpha.test", 25565));
            byte[] reply = socket.getInputStream().readAllBytes();
            assertThat(reply[0] & 0xFF).isEqualTo(0xFF);
            int units = ByteBuffer.wrap(reply, 1, 2).getShort();
            String text = new String(reply, 3, units * 2, StandardCharsets.UTF_16BE);
            assertThat(text.split("\0")).startsWith("§1").contains("Alpha MOTD");
        }
    }

    private static dev.gamma.relay.PlayerSession session(String name) {
        return Await.value(WAIT, name + " online", () -> gamma.node().players().stream()
                .filter(p -> name.equals(p.info().username())).findFirst().orElse(null));
    }

    private static String motd(JsonObject status) {
        Object description = status.getValue("description");
        if (description instanceof JsonObject object) {
            String text = object.getString("text", "");
            return text;
        }
        return String.valueOf(description);
    }

    private static String player() {
        return "Player" + PLAYERS.incrementAndGet();
    }

    private static ClientStarter client(String fakeHost, String version, String username) {
        return new ClientStarter(ClientOptions.of(gamma.port(), version).withFakeHost(fakeHost).withUsername(username));
    }

    private record ClientStarter(ClientOptions options) {
        ClientStarter withChat(String text) {
            return new ClientStarter(options.withChat(text));
        }

        ClientPeer start() {
            return Peers.client(options);
        }
    }
}
