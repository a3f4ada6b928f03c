package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.ClusterBootstrap;
import dev.gamma.cluster.ClusterNode;
import dev.gamma.config.ConfigLoader;
import dev.gamma.config.GammaConfig;
import dev.gamma.node.GammaVerticle;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.protocol.StatusPackets;
import dev.gamma.testkit.Await;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status.players: network behind DNS round-robin: three clustered nodes in this JVM, real clients logged in through
 * nodes 1 and 3, real server-list pings through node 2.
 */
class NetworkPlayerCountTest {
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final String SECRET = "a-network-count-test-secret-0123456789";
    private static final String VERSION = "1.21.4";

    @TempDir
    static Path dir;

    private static BackendPeer backend;
    private static StatusOnlyBackend hostile;
    private static final List<ClusterNode> members = new ArrayList<>();
    private static final List<GammaVerticle> nodes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeAvailable();
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        hostile = new StatusOnlyBackend("""
                {"players":"everyone","version":{"name":"Hostile","protocol":769},\
                "description":{"text":"Hostile backend"},"players":{"online":"§k","sample":"x"}}""");
        List<Integer> clusterPorts = IntStream.range(0, 3).mapToObj(i -> GammaFixture.freePort()).toList();
        String routes = """
                routes:
                  - host: net.test
                    backend: 127.0.0.1:%1$d
                    status: {players: network, max: 500, sample: true}
                  - host: other.test
                    backend: 127.0.0.1:%1$d
                    status: {cache-ttl: 100ms}
                  - host: hostile.test
                    backend: 127.0.0.1:%2$d
                    status: {players: network, max: 7}
                """.formatted(backend.port(), hostile.port());
        for (int i = 0; i < 3; i++) {
            Path file = dir.resolve("node-" + (i + 1) + ".yaml");
            Files.writeString(file, """
                    bind: 127.0.0.1:0
                    admin: {bind: 127.0.0.1:0}
                    data-dir: %s
                    cluster:
                      enabled: true
                      name: network-count-test
                      bind: 127.0.0.1:%d
                      members: %s
                      node-timeout: 2s
                      event-bus: 127.0.0.1:0
                      secret: %s
                    """.formatted(dir.resolve("data-" + i), clusterPorts.get(i),
                    clusterPorts.stream().map(p -> "127.0.0.1:" + p).toList(), SECRET) + routes);
            ClusterNode member = bootstrap(file);
            members.add(member);
            GammaVerticle verticle = new GammaVerticle(file, member).withEnvironment(Map.of());
            Await.await(member.vertx().deployVerticle(verticle));
            nodes.add(verticle);
        }
        Await.until(WAIT, "three members", () -> members.stream()
                .allMatch(m -> m.crosstalk().nodes().nodes().size() == 3));
    }

    @AfterAll
    static void stop() {
        members.forEach(m -> Await.await(m.close()));
        if (backend != null) {
            backend.close();
        }
        if (hostile != null) {
            hostile.close();
        }
    }

    @Test
    void aPingThroughNode2CountsThePlayersOfNodes1And3WithTheMaxAndTheirNames() {
        // the backend's first answer for a version can come after the client's patience: the fallback shows then
        JsonObject before = Await.value(WAIT, "the backend's answer", () -> {
            JsonObject status = ping(1, "net.test");
            return status.getJsonObject("description").getString("text").equals("A Gamma test backend") ? status : null;
        });
        assertThat(before.getJsonObject("players").getInteger("online")).isZero();
        assertThat(before.getJsonObject("players").getInteger("max")).isEqualTo(500);

        try (ClientPeer left = client(0, "net.test", "LeftNode");
                ClientPeer right = client(2, "net.test", "RightNode");
                ClientPeer elsewhere = client(1, "other.test", "Elsewhere")) {
            left.await("login", WAIT);
            right.await("login", WAIT);
            elsewhere.await("login", WAIT);

            JsonObject players = Await.value(WAIT, "both counted through node 2", () -> {
                JsonObject p = ping(1, "net.test").getJsonObject("players");
                return p.getInteger("online") == 2 && p.getJsonArray("sample").size() == 2 ? p : null;
            });
            assertThat(players.getInteger("max")).isEqualTo(500);
            assertThat(names(players.getJsonArray("sample"))).containsExactlyInAnyOrder("LeftNode", "RightNode");
            assertThat(players.getJsonArray("sample").getJsonObject(0).getString("id")).hasSize(36);

            // the backend counts every route's players; a route left at backend shows that count untouched
            JsonObject backendCount = Await.value(WAIT, "the backend's own count", () -> {
                JsonObject p = ping(1, "other.test").getJsonObject("players");
                return p.getInteger("online") == 3 ? p : null;
            });
            assertThat(backendCount.getInteger("max")).isEqualTo(20);

            String legacy = legacyReply(nodes.get(1).node().proxyPort(), "net.test");
            assertThat(legacy.split("\0")).endsWith("2", "500");
        }
        Await.until(WAIT, "both gone from the count", () ->
                ping(1, "net.test").getJsonObject("players").getInteger("online") == 0);
    }

    @Test
    void aRoutePutThroughTheApiOfNode1IsServedWithItsCountOnNode3() {
        AdminClient node1 = new AdminClient(nodes.get(0).adminPort(), null);
        AdminClient node2 = new AdminClient(nodes.get(1).adminPort(), null);
        JsonObject status = new JsonObject().put("players", "network").put("max", 42).put("sample", true);
        AdminClient.Reply put = node1.put("/api/routes/put.test", new JsonObject()
                .put("backend", "127.0.0.1:" + backend.port()).put("status", status));
        assertThat(put.status()).as(put.body()).isIn(200, 201);

        JsonObject stored = Await.value(WAIT, "put.test on node 2", () -> {
            AdminClient.Reply got = node2.get("/api/routes/put.test");
            return got.status() == 200 ? got.object() : null;
        });
        assertThat(stored.getJsonObject("route").getJsonObject("status").getMap())
                .containsEntry("players", "network").containsEntry("max", 42).containsEntry("sample", true);

        try (ClientPeer player = client(0, "put.test", "ViaApi")) {
            player.await("login", WAIT);
            JsonObject players = Await.value(WAIT, "counted on node 3", () -> {
                JsonObject p = ping(2, "put.test").getJsonObject("players");
                return p.getInteger("online") == 1 ? p : null;
            });
            assertThat(players.getInteger("max")).isEqualTo(42);
            assertThat(names(players.getJsonArray("sample"))).containsExactly("ViaApi");
        }
        AdminClient.Reply refused = node1.put("/api/routes/bad.test", new JsonObject()
                .put("backend", "127.0.0.1:" + backend.port()).put("status", new JsonObject().put("players", "all")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("status.players");
    }

    @Test
    void aHostileBackendAnswerStillGetsACleanCountAndItsOwnPlayersObjectIsGone() {
        JsonObject status = ping(1, "hostile.test");

        assertThat(status.getJsonObject("players")).isEqualTo(new JsonObject()
                .put("max", 7).put("online", 0).put("sample", new JsonArray()));
        assertThat(status.getJsonObject("description").getString("text")).isEqualTo("Hostile backend");
    }

    private static ClientPeer client(int node, String host, String name) {
        return Peers.client(ClientOptions.of(nodes.get(node).node().proxyPort(), VERSION)
                .withFakeHost(host).withUsername(name));
    }

    private static JsonObject ping(int node, String host) {
        return Peers.ping("127.0.0.1", nodes.get(node).node().proxyPort(), host, VERSION);
    }

    private static List<String> names(JsonArray sample) {
        return sample.stream().map(p -> ((JsonObject) p).getString("name")).toList();
    }

    private static String legacyReply(int port, String host) {
        try (RawClient client = RawClient.connect(port)) {
            client.send(LegacyPings.v16(host, 25565));
            byte[] reply = client.readToEnd();
            int units = ByteBuffer.wrap(reply, 1, 2).getShort();
            return new String(reply, 3, units * 2, StandardCharsets.UTF_16BE);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ClusterNode bootstrap(Path file) {
        Vertx loader = Vertx.vertx();
        GammaConfig config;
        try {
            config = Await.await(new ConfigLoader(loader, file, Map.of()).load());
        } finally {
            Await.await(loader.close());
        }
        return Await.await(ClusterBootstrap.start(config, new VertxOptions()));
    }

    /** A backend that answers every status ping with the same JSON, whatever it is, and does nothing else. */
    private static final class StatusOnlyBackend implements AutoCloseable {
        private final ServerSocket server;

        StatusOnlyBackend(String json) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        socket.setSoTimeout(5_000);
                        InputStream in = socket.getInputStream();
                        in.read(new byte[512]); // the handshake and the status request, in one segment from Gamma
                        socket.getOutputStream().write(StatusPackets.responseFrame(json));
                        socket.getOutputStream().flush();
                        in.read(new byte[64]);
                    } catch (IOException closedOrGone) {
                        // the next connection, or the end of the test
                    }
                }
            }, "status-only-backend");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException alreadyClosed) {
                // nothing left to close
            }
        }
    }
}
