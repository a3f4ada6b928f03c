package dev.gamma.it;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.pipeline.NamedHandler;
import dev.gamma.relay.PlayerSession;
import dev.gamma.testkit.Await;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real clients and servers through routes with packet handlers: framing, compression, states, kick, chat. */
class PipelineInteropTest {
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final List<String> VERSIONS = List.of("1.8.9", "1.12.2", "1.16.5", "1.20.4", "1.21.4", Peers.NEWEST_VERSION);
    private static final AtomicInteger PLAYERS = new AtomicInteger();

    private static BackendPeer threshold256;
    private static BackendPeer threshold64;
    private static BackendPeer uncompressed;
    private static BackendPeer online;
    private static GammaFixture gamma;

    @BeforeAll
    static void start() {
        Peers.assumeAvailable();
        threshold256 = Peers.backend(BackendOptions.defaults().withAnyVersion().withCompressionThreshold(256));
        threshold64 = Peers.backend(BackendOptions.defaults().withAnyVersion().withCompressionThreshold(64));
        uncompressed = Peers.backend(BackendOptions.defaults().withAnyVersion().withCompressionThreshold(-1));
        online = Peers.backend(BackendOptions.defaults().withVersion("1.20.4").withOnlineMode(true));
        gamma = GammaFixture.start("""
                routes:
                  - host: c256.test
                    backend: 127.0.0.1:%d
                    handlers: [packet-stats, log-chat]
                  - host: c64.test
                    backend: 127.0.0.1:%d
                    handlers: [packet-stats]
                  - host: plain.test
                    backend: 127.0.0.1:%d
                    inspect: true
                  - host: online.test
                    backend: 127.0.0.1:%d
                    handlers: [log-chat]
                """.formatted(threshold256.port(), threshold64.port(), uncompressed.port(), online.port()));
        gamma.node().addHandlers((route, connection) -> List.of(new NamedHandler("recorder", new RecordingHandler())));
    }

    @AfterAll
    static void stop() {
        if (gamma != null) {
            gamma.close();
        }
        Stream.of(threshold256, threshold64, uncompressed, online).filter(p -> p != null).forEach(BackendPeer::close);
    }

    static Stream<Arguments> versionsAndThresholds() {
        return VERSIONS.stream().flatMap(v -> Stream.of(
                Arguments.of(v, "c256.test"), Arguments.of(v, "c64.test"), Arguments.of(v, "plain.test")));
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("versionsAndThresholds")
    void loginAndChatWorkThroughHandlersWithAndWithoutCompression(String version, String host) {
        String name = player();
        BackendPeer backend = backendFor(host);
        try (ClientPeer client = client(host, version, name, "hello " + version)) {
            backend.awaitLogin(name, WAIT);
            assertThat(backend.awaitChat(name, WAIT).getString("message")).isEqualTo("hello " + version);
            client.await(e -> ("echo: hello " + version).equals(e.getString("text")), "echo", WAIT);
            assertThat(RecordingHandler.saw(name, "chat:hello " + version)).as("the handler saw the typed text").isTrue();
        }
    }

    @Test
    void handlerThatDropsAChatLineKeepsItFromTheBackend() {
        String name = player();
        try (ClientPeer client = client("c64.test", "1.21.4", name, "drop me")) {
            threshold64.awaitLogin(name, WAIT);
            Await.until(WAIT, "handler saw the chat", () -> RecordingHandler.saw(name, "chat:drop me"));
            client.chat("after the dropped one");
            assertThat(threshold64.awaitChat(name, WAIT).getString("message")).isEqualTo("after the dropped one");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.8.9", "1.20.4", "1.21.4"})
    void handlerThatRewritesAChatLineChangesWhatTheBackendReceives(String version) {
        String name = player();
        try (ClientPeer client = client("c256.test", version, name, "rewrite me")) {
            assertThat(threshold256.awaitChat(name, WAIT).getString("message")).isEqualTo("rewritten by gamma");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void injectedChatArrivesOnTheClient(String version) {
        String name = player();
        try (ClientPeer client = client("c256.test", version, name, null)) {
            threshold256.awaitLogin(name, WAIT);
            client.await("login", WAIT);
            assertThat(await(session(name).sendChat("Hello from Gamma, " + name))).isTrue();
            client.await(e -> ("Hello from Gamma, " + name).equals(e.getString("text")), "injected chat", WAIT);
        }
    }

    /**
     * The client reads the question only if it came compressed, as every packet after Set Compression must. From
     * 1.20.2 on, the login waits for the client's Login Acknowledged, so its answer is still read as a login packet.
     */
    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("loginsThatWaitForTheClient")
    void aPacketInjectedAtSetCompressionReachesTheClientCompressed(String version, String host) {
        String name = "AskedAtZip" + PLAYERS.incrementAndGet();
        try (ClientPeer client = client(host, version, name, null)) {
            client.await("login", WAIT);
            assertThat(RecordingHandler.saw(name, "plugin answer:" + RecordingHandler.QUESTION_ID))
                    .as("the client answered the injected question").isTrue();
        }
    }

    static Stream<Arguments> loginsThatWaitForTheClient() {
        return Stream.of("1.20.4", "1.21.4", Peers.NEWEST_VERSION).flatMap(v -> Stream.of(
                Arguments.of(v, "c256.test"), Arguments.of(v, "c64.test")));
    }

    static Stream<String> versions() {
        return VERSIONS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.8.9", "1.16.5", "1.21.4"})
    void kickInPlayShowsTheReason(String version) {
        String name = player();
        try (ClientPeer client = client("c64.test", version, name, null)) {
            client.await("login", WAIT);
            assertThat(await(session(name).kick("Kicked from the proxy in play"))).isTrue();
            JsonObject kicked = client.await("kicked", WAIT);
            assertThat(kicked.getString("reason")).isEqualTo("Kicked from the proxy in play");
            assertThat(kicked.getString("state")).isEqualTo("play");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.12.2", "1.21.4"})
    void kickInLoginShowsTheReason(String version) {
        String name = "HeldInLogin" + PLAYERS.incrementAndGet();
        try (ClientPeer client = client("c256.test", version, name, null)) {
            Await.until(WAIT, "login success held", () -> RecordingHandler.saw(name, "packet:login_success"));
            assertThat(await(session(name).kick("Kicked while logging in"))).isTrue();
            JsonObject kicked = client.await("kicked", WAIT);
            assertThat(kicked.getString("reason")).isEqualTo("Kicked while logging in");
            assertThat(kicked.getString("state")).isEqualTo("login");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.20.4", "1.21.4"})
    void kickInConfigurationShowsTheReason(String version) {
        String name = "HeldInConfig" + PLAYERS.incrementAndGet();
        try (ClientPeer client = client("plain.test", version, name, null)) {
            Await.until(WAIT, "finish configuration held", () -> RecordingHandler.saw(name, "packet:finish_configuration"));
            assertThat(await(session(name).kick("Kicked while configuring"))).isTrue();
            JsonObject kicked = client.await("kicked", WAIT);
            assertThat(kicked.getString("reason")).isEqualTo("Kicked while configuring");
            assertThat(kicked.getString("state")).isEqualTo("configuration");
        }
    }

    @Test
    void theEndOfAConnectionIsHandledOnItsEventLoopContext() {
        String name = player();
        try (ClientPeer client = client("plain.test", Peers.NEWEST_VERSION, name, null)) {
            uncompressed.awaitLogin(name, WAIT);
        }
        Await.until(WAIT, "the handler saw the end", () -> RecordingHandler.count(name, "closed on an event-loop context")
                + RecordingHandler.count(name, "closed") > 0);
        assertThat(RecordingHandler.saw(name, "closed on an event-loop context")).isTrue();
    }

    @Test
    void encryptedSessionIsReportedAndStillRelays() {
        String name = player();
        try (ClientPeer client = client("online.test", "1.20.4", name, "through the cipher")) {
            assertThat(online.awaitLogin(name, WAIT).getBoolean("encrypted")).isTrue();
            assertThat(online.awaitChat(name, WAIT).getString("message")).isEqualTo("through the cipher");
            PlayerSession session = session(name);
            assertThat(session.encrypted()).isTrue();
            assertThat(RecordingHandler.count(name, "encrypted")).isEqualTo(1);
            assertThat(await(session.sendChat("cannot be injected"))).isFalse();
            assertThat(await(session.kick("closed anyway"))).isFalse();
            client.await("end", WAIT);
        }
    }

    /** In the clear, either packet would corrupt the encrypted streams and end the login. */
    @Test
    void packetsInjectedAtTheEncryptionResponseAreDroppedAndTheEncryptedSessionGoesOn() {
        String name = "AtCipher" + PLAYERS.incrementAndGet();
        try (LogLines log = new LogLines();
                ClientPeer client = client("online.test", "1.20.4", name, "through the cipher")) {
            assertThat(online.awaitLogin(name, WAIT).getBoolean("encrypted")).isTrue();
            assertThat(online.awaitChat(name, WAIT).getString("message")).isEqualTo("through the cipher");
            client.await(e -> "echo: through the cipher".equals(e.getString("text")), "echo", WAIT);
            assertThat(log.of("dev.gamma.pipeline.HandlerChain")).singleElement().asString().startsWith(
                    "2 packet(s) handlers injected after the client's Encryption Response on " + name
                            + "@127.0.0.1 (online.test) were dropped");
        }
    }

    private static PlayerSession session(String name) {
        return Await.value(WAIT, name + " online", () -> gamma.node().players().stream()
                .filter(p -> name.equals(p.info().username())).findFirst().orElse(null));
    }

    private static BackendPeer backendFor(String host) {
        return switch (host) {
            case "c256.test" -> threshold256;
            case "c64.test" -> threshold64;
            default -> uncompressed;
        };
    }

    private static ClientPeer client(String host, String version, String name, String chat) {
        ClientOptions options = ClientOptions.of(gamma.port(), version).withFakeHost(host).withUsername(name);
        return Peers.client(chat == null ? options : options.withChat(chat));
    }

    private static String player() {
        return "Piper" + PLAYERS.incrementAndGet();
    }
}
