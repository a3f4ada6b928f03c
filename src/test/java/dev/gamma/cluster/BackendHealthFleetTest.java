package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.ConfigLoader;
import dev.gamma.config.GammaConfig;
import dev.gamma.node.GammaVerticle;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clustered nodes in this JVM, real nmp backends and clients: least-connections counted over the cluster, and
 * backend health checked by one node per backend and acted on by both.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackendHealthFleetTest {
    private static final Duration WAIT = Peers.TIMEOUT;
    /** health: interval 1s × fails 2, plus room for a loaded 2-core machine and the cluster's propagation. */
    private static final Duration MARKED = Duration.ofSeconds(2).plus(Duration.ofSeconds(8));
    private static final String SECRET = "a-backend-health-test-secret-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    private static BackendPeer a;
    private static BackendPeer b;
    private static BackendPeer c;
    private static BackendPeer d;
    private static BackendPeer e;
    private static SilentBackend silent;
    private static List<Integer> clusterPorts;
    private static final ClusterNode[] members = new ClusterNode[2];
    private static final GammaVerticle[] nodes = new GammaVerticle[2];

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeAvailable();
        a = backend("A", 0);
        b = backend("B", 0);
        c = backend("C", freePort());
        d = backend("D", 0);
        e = backend("E", freePort());
        silent = new SilentBackend();
        String routes = """
                routes:
                  - host: lc.test
                    backends: [127.0.0.1:%d, 127.0.0.1:%d]
                    strategy: least-connections
                  - host: hc.test
                    backends: [127.0.0.1:%d, 127.0.0.1:%d]
                    health: {interval: 1s, timeout: 500ms, fails: 2, passes: 2}
                  - host: silent.test
                    backends: [127.0.0.1:%d, 127.0.0.1:%4$d]
                    health: {interval: 1s, timeout: 500ms, fails: 2, passes: 1}
                  - host: passive.test
                    backends: [127.0.0.1:%d, 127.0.0.1:%4$d]
                    health: {interval: 10m, timeout: 2s, fails: 2, passes: 1}
                """.formatted(a.port(), b.port(), c.port(), d.port(), silent.port(), e.port());
        List<Integer> ports = ClusterFixture.freePorts(2);
        clusterPorts = ports;
        for (int i = 0; i < 2; i++) {
            Path file = dir.resolve("node" + i + ".yaml");
            Files.writeString(file, """
                    bind: 127.0.0.1:0
                    admin: {bind: 127.0.0.1:0}
                    data-dir: %s
                    cluster:
                      enabled: true
                      name: health-test
                      bind: 127.0.0.1:%d
                      members: [127.0.0.1:%d]
                      node-timeout: 2s
                      event-bus: 127.0.0.1:0
                      secret: %s
                    """.formatted(dir.resolve("data" + i), ports.get(i), ports.get(1 - i), SECRET) + routes);
            members[i] = bootstrap(file);
            nodes[i] = new GammaVerticle(file, members[i]).withEnvironment(Map.of());
            Await.await(members[i].vertx().deployVerticle(nodes[i]));
        }
        for (ClusterNode member : members) {
            Await.until(WAIT, "both nodes listed", () -> member.crosstalk().nodes().nodes().size() == 2);
        }
    }

    @AfterAll
    static void stop() {
        for (ClusterNode member : members) {
            if (member != null) {
                Await.await(member.close());
            }
        }
        for (AutoCloseable peer : new AutoCloseable[] {a, b, c, d, e, silent}) {
            try {
                if (peer != null) {
                    peer.close();
                }
            } catch (Exception ignored) {
                // closing what the test started
            }
        }
    }

    @Test
    @Order(1)
    void leastConnectionsSendsALoginToTheBackendWithTheFewestPlayersClusterWide() {
        // through node 1, one after the other: A, then B (A has one), then A (a tie keeps config order): A 2, B 1
        List<ClientPeer> onNode1 = new ArrayList<>();
        try {
            List<BackendPeer> expected = List.of(a, b, a);
            for (int i = 0; i < 3; i++) {
                onNode1.add(client(0, "lc.test", "Lc" + i));
                expected.get(i).awaitLogin("Lc" + i, WAIT);
                onNode1.get(i).await("login", WAIT);
            }
            PlayerRegistry seenByNode2 = members[1].crosstalk().players();
            Await.until(WAIT, "node 2 counts node 1's players per backend",
                    () -> seenByNode2.elsewhereOnBackend("127.0.0.1:" + a.port()) == 2
                            && seenByNode2.elsewhereOnBackend("127.0.0.1:" + b.port()) == 1);
            // node 2 relays nobody: counting only its own connections it would pick A, the first of a tie
            try (ClientPeer four = client(1, "lc.test", "Lc4")) {
                assertThat(b.awaitLogin("Lc4", WAIT).getString("username")).isEqualTo("Lc4");
                four.await("login", WAIT);
            }
        } finally {
            onNode1.forEach(ClientPeer::close);
        }
    }

    @Test
    @Order(2)
    void aKilledBackendIsDownOnEveryNodeWithinIntervalTimesFailsAndUpAgainAfterPasses() throws Exception {
        String key = "127.0.0.1:" + c.port();
        awaitHealth("hc.test", key, "up", WAIT);
        int port = c.port();
        c.close();
        awaitHealth("hc.test", key, "down", MARKED);
        for (int node = 0; node < 2; node++) {
            try (ClientPeer player = client(node, "hc.test", "Hc" + node)) {
                d.awaitLogin("Hc" + node, WAIT);
                player.await("login", WAIT);
            }
        }
        c = backend("C", port);
        awaitHealth("hc.test", key, "up", MARKED);
        try (ClientPeer back = client(1, "hc.test", "HcBack")) {
            assertThat(c.awaitLogin("HcBack", WAIT).getString("username")).isEqualTo("HcBack");
        }
    }

    @Test
    @Order(3)
    void aBackendThatAcceptsButNeverAnswersTheStatusPingIsDownAndSkipped() {
        String key = "127.0.0.1:" + silent.port();
        awaitHealth("silent.test", key, "down", MARKED.plus(Duration.ofSeconds(1)));
        int accepted = silent.accepted.size();
        assertThat(accepted).as("the checker connected and waited for an answer").isPositive();
        for (int node = 0; node < 2; node++) {
            // were it not skipped, this login would go to the silent backend and wait there
            try (ClientPeer player = client(node, "silent.test", "Quiet" + node)) {
                d.awaitLogin("Quiet" + node, WAIT);
                player.await("login", WAIT);
            }
        }
    }

    @Test
    @Order(4)
    void aStrangersForgedDownIsRefusedAndTheBackendStaysInUse() {
        String key = "127.0.0.1:" + d.port();
        awaitHealth("hc.test", key, "up", WAIT);
        long before = members[1].crosstalk().rejections().count(ClusterRejections.Kind.HEALTH);
        try (RogueMember rogue = new RogueMember("health-test", freePort(), clusterPorts)) {
            rogue.map(SharedTable.Name.HEALTH.map).put(key, ("{\"key\":\"" + key + "\",\"value\":{\"state\":\"down\"},"
                    + "\"writtenAt\":" + (System.currentTimeMillis() + 60_000) + "}").getBytes(StandardCharsets.UTF_8));
            Await.until(WAIT, "the forged value refused", () -> members[1].crosstalk().rejections()
                    .count(ClusterRejections.Kind.HEALTH) > before);
            assertThat(health(1, "hc.test").getString(key)).isEqualTo("up");
            assertThat(health(0, "hc.test").getString(key)).isEqualTo("up");
            try (ClientPeer player = client(1, "silent.test", "Forged")) {
                d.awaitLogin("Forged", WAIT);
            }
        }
    }

    @Test
    @Order(5)
    void failedLoginsMarkABackendDownForTheFleetAndOnlyTheCheckerBringsItBack() throws Exception {
        String key = "127.0.0.1:" + e.port();
        awaitHealth("passive.test", key, "up", WAIT); // the first check runs at once, the next in 10 minutes
        int port = e.port();
        e.close();
        for (int i = 0; i < 2; i++) {
            try (ClientPeer player = client(1, "passive.test", "Passive" + i)) {
                d.awaitLogin("Passive" + i, WAIT); // E refused the connect: the login went on to D
            }
        }
        awaitHealth("passive.test", key, "down", WAIT);
        e = backend("E", port);
        try (ClientPeer player = client(0, "passive.test", "Skipped")) {
            d.awaitLogin("Skipped", WAIT);
        }
        assertThat(health(0, "passive.test").getString(key)).as("no login brings a backend up").isEqualTo("down");
    }

    @Test
    @Order(6)
    void whenTheCheckingNodeLeavesTheOtherTakesTheBackendOver() {
        String key = "127.0.0.1:" + c.port();
        awaitHealth("hc.test", key, "up", WAIT);
        int owner = members[0].crosstalk().nodes().owns(key) ? 0 : 1;
        int survivor = 1 - owner;
        Await.await(members[owner].close());
        members[owner] = null;
        Await.until(WAIT, "the survivor alone", () -> members[survivor].crosstalk().nodes().nodes().size() == 1);
        c.close();
        Await.until(MARKED, key + " down on the survivor", () -> "down".equals(health(survivor, "hc.test")
                .getString(key)));
        try (ClientPeer player = client(survivor, "hc.test", "Survivor")) {
            d.awaitLogin("Survivor", WAIT);
        }
    }

    /** Waits until both nodes' {@code GET /api/routes/{host}} list {@code backend} as {@code state}. */
    private static void awaitHealth(String host, String backend, String state, Duration within) {
        Await.until(within, backend + " " + state + " on both nodes", () -> state.equals(health(0, host)
                .getString(backend)) && state.equals(health(1, host).getString(backend)));
    }

    private static JsonObject health(int node, String host) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodes[node].adminPort()
                + "/api/routes/" + host)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> reply = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
            return new JsonObject(reply.body()).getJsonObject("health");
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    private static ClientPeer client(int node, String host, String name) {
        return Peers.client(ClientOptions.of(nodes[node].node().proxyPort(), "1.21.4").withFakeHost(host)
                .withUsername(name));
    }

    private static BackendPeer backend(String name, int port) {
        return Peers.backend(BackendOptions.defaults().withAnyVersion().withName(name).withPort(port));
    }

    private static ClusterNode bootstrap(Path file) {
        Vertx loader = Vertx.vertx();
        try {
            GammaConfig config = Await.await(new ConfigLoader(loader, file, Map.of()).load());
            return Await.await(ClusterBootstrap.start(config, new VertxOptions()));
        } finally {
            Await.await(loader.close());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Accepts connections and never writes a byte: a hung server. Holds at most 64 connections. */
    private static final class SilentBackend implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        SilentBackend() throws IOException {
            server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed() && accepted.size() < 64) {
                    try {
                        accepted.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-backend");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
