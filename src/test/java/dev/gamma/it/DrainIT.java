package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.cli.LocalCluster;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import dev.gamma.testkit.LoopbackPorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real node JVMs in one cluster: node A is drained through node B's API while a real player plays through A.
 * A refuses new connections and says it is not ready, its player keeps playing, and at the deadline the player reads
 * why it is disconnected; then A leaves the cluster and its process exits 0. A first drain is called off, and A takes
 * players again.
 */
class DrainIT {
    private static final String TOKEN = "drain-test-token";
    private static final String MESSAGE = "Node A restarts, please come back";
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final Duration PROPAGATION = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aNodeDrainedFromAnotherKeepsItsPlayerUntilTheDeadlineTellsThemWhyAndExitsZero() throws Exception {
        Peers.assumeAvailable();
        Path config = dir.resolve("cluster.yaml");
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion())) {
            Files.writeString(config, """
                    admin: {token: %s}
                    cluster: {node-timeout: 3s}
                    shutdown: {drain-message: "%s"}
                    routes:
                      - host: play.test
                        backend: 127.0.0.1:%d
                        inspect: true
                    """.formatted(TOKEN, MESSAGE, backend.port()));
            LocalCluster layout = new LocalCluster(2, new LocalCluster.Ports(LoopbackPorts.run(2), LoopbackPorts.run(2), LoopbackPorts.run(2)),
                    dir.resolve("nodes"));
            try (ClusterProcesses cluster = new ClusterProcesses(layout, config)) {
                cluster.startAll();
                AdminClient a = new AdminClient(layout.adminPort(0), TOKEN);
                AdminClient b = new AdminClient(layout.adminPort(1), TOKEN);
                String nodeA = idOf(a, layout.proxyPort(0));
                Await.until(PROPAGATION, "B lists A", () -> entry(b, nodeA).isPresent());
                assertThat(entry(b, nodeA).orElseThrow().getString("state")).isEqualTo("serving");

                try (ClientPeer alice = client(layout.proxyPort(0), "Alice")) {
                    alice.await("login", WAIT);
                    Await.until(PROPAGATION, "Alice listed on B", () -> b.get("/api/players/Alice").status() == 200);
                    callADrainOff(layout, a, b, nodeA);

                    long asked = System.currentTimeMillis();
                    AdminClient.Reply drain = b.post("/api/nodes/" + nodeA + "/drain",
                            new JsonObject().put("deadline", "8s"));
                    assertThat(drain.status()).as(drain.body()).isEqualTo(202);
                    long deadline = drain.object().getLong("deadline");
                    assertThat(drain.object().getString("node")).isEqualTo(nodeA);
                    assertThat(drain.object().getString("state")).isEqualTo("draining");
                    assertThat(deadline).isBetween(asked + 7_000, asked + 8_000 + WAIT.toMillis());

                    // at once, on A itself: not ready (but alive), and its listener is closed
                    AdminClient.Reply ready = a.get("/ready");
                    assertThat(ready.status()).isEqualTo(503);
                    assertThat(ready.object().getString("status")).isEqualTo("draining");
                    assertThat(a.get("/health").status()).isEqualTo(200);
                    assertThatThrownBy(() -> new Socket("127.0.0.1", layout.proxyPort(0)).close())
                            .isInstanceOf(ConnectException.class);

                    // a later, longer deadline does not push the drain back
                    AdminClient.Reply again = b.post("/api/nodes/" + nodeA + "/drain",
                            new JsonObject().put("deadline", "1h"));
                    assertThat(again.status()).isEqualTo(202);
                    assertThat(again.object().getLong("deadline")).isEqualTo(deadline);

                    Await.until(PROPAGATION, "B lists A draining",
                            () -> entry(b, nodeA).map(n -> "draining".equals(n.getString("state"))).orElse(false));
                    assertThat(entry(b, nodeA).orElseThrow().getLong("drainDeadline")).isEqualTo(deadline);
                    assertThat(b.get("/ready").status()).isEqualTo(200);
                    assertThat(a.get("/api/players/Alice").status()).as("A's admin API still serves").isEqualTo(200);

                    try (ClientPeer bob = client(layout.proxyPort(1), "Bob")) {
                        bob.await("login", WAIT);
                    }
                    alice.chat("still playing");
                    assertThat(alice.await(e -> "chat".equals(e.getString("event"))
                            && "echo: still playing".equals(e.getString("text")), WAIT).getString("text"))
                            .isEqualTo("echo: still playing");
                    assertThat(cluster.output(0)).as("A still runs before its deadline").noneMatch(
                            l -> l.contains("drain ended"));

                    JsonObject kicked = alice.await("kicked", Duration.ofMillis(deadline - asked).plus(WAIT));
                    assertThat(kicked.getString("reason")).isEqualTo(MESSAGE);
                    assertThat(System.currentTimeMillis()).as("not before the deadline").isGreaterThanOrEqualTo(deadline);
                }
                assertThat(cluster.awaitExit(0, Duration.ofSeconds(60))).isZero();
                assertThat(cluster.output(0)).anyMatch(l -> l.contains("draining: no new players; 1 session(s)"))
                        .anyMatch(l -> l.contains("drain called off: taking new players again"))
                        .anyMatch(l -> l.contains("drain ended"));
                Await.until(PROPAGATION, "A gone from B's list", () -> entry(b, nodeA).isEmpty());
                Await.until(PROPAGATION, "Alice gone", () -> b.get("/api/players/Alice").status() == 404);
            }
        }
    }

    /** A drain called off from B before its deadline: A takes players again and says so everywhere. */
    private static void callADrainOff(LocalCluster layout, AdminClient a, AdminClient b, String nodeA) {
        assertThat(b.post("/api/nodes/" + nodeA + "/drain", new JsonObject().put("deadline", "10m")).status())
                .isEqualTo(202);
        assertThat(a.get("/ready").status()).isEqualTo(503);
        assertThatThrownBy(() -> new Socket("127.0.0.1", layout.proxyPort(0)).close())
                .isInstanceOf(ConnectException.class);

        AdminClient.Reply resumed = b.delete("/api/nodes/" + nodeA + "/drain");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.object()).isEqualTo(new JsonObject().put("node", nodeA).put("state", "serving"));
        assertThat(a.get("/ready").status()).isEqualTo(200);
        try (ClientPeer carol = client(layout.proxyPort(0), "Carol")) {
            carol.await("login", WAIT);
        }
        Await.until(PROPAGATION, "B lists A serving again",
                () -> entry(b, nodeA).map(n -> "serving".equals(n.getString("state"))).orElse(false));
        assertThat(b.delete("/api/nodes/" + nodeA + "/drain").status()).as("calling off twice").isEqualTo(200);
    }

    private static ClientPeer client(int port, String name) {
        return Peers.client(ClientOptions.of(port, "1.21.4").withFakeHost("play.test").withUsername(name));
    }

    private static String idOf(AdminClient admin, int proxyPort) {
        JsonArray nodes = admin.get("/api/nodes").array();
        return nodes.stream().map(JsonObject.class::cast)
                .filter(n -> n.getString("address").endsWith(":" + proxyPort))
                .map(n -> n.getString("id")).findFirst().orElseThrow(() -> new AssertionError(nodes.encode()));
    }

    private static Optional<JsonObject> entry(AdminClient admin, String id) {
        return admin.get("/api/nodes").array().stream().map(JsonObject.class::cast)
                .filter(n -> id.equals(n.getString("id"))).findFirst();
    }
}
