package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Three real node JVMs in one Hazelcast cluster on loopback, with real clients connected through each. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String TOKEN = "cluster-secret";
    private static final Duration WAIT = Peers.TIMEOUT;
    /** Cluster events arrive in milliseconds; the bound leaves room for a loaded 2-core machine. */
    private static final Duration PROPAGATION = Duration.ofSeconds(2);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    static Path dir;

    private static BackendPeer backend;
    private static ClusterProcesses cluster;
    private static AdminClient[] admins;

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeAvailable();
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        Path config = dir.resolve("cluster.yaml");
        Files.writeString(config, """
                admin: {token: %1$s}
                cluster: {node-timeout: 3s}
                routes:
                  - host: play.test
                    backend: 127.0.0.1:%2$d
                    inspect: true
                  - host: capped.test
                    backend: 127.0.0.1:%2$d
                    max-players: 2
                """.formatted(TOKEN, backend.port()));
        LocalCluster layout = new LocalCluster(3, new LocalCluster.Ports(LoopbackPorts.run(3), LoopbackPorts.run(3), LoopbackPorts.run(3)),
                dir.resolve("nodes"));
        cluster = new ClusterProcesses(layout, config);
        cluster.startAll();
        admins = IntStream.range(0, 3).mapToObj(i -> new AdminClient(layout.adminPort(i), TOKEN)).toArray(AdminClient[]::new);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    @Order(1)
    void playersOnDifferentNodesAppearInEveryNodesList() {
        try (ClientPeer alice = client(0, "play.test", "Alice");
                ClientPeer bob = client(1, "play.test", "Bob");
                ClientPeer carol = client(2, "play.test", "Carol")) {
            for (ClientPeer client : new ClientPeer[] {alice, bob, carol}) {
                client.await("login", WAIT);
            }
            for (AdminClient admin : admins) {
                Await.until(PROPAGATION, "all three listed", () -> names(admin.get("/api/players").array())
                        .containsAll(java.util.List.of("Alice", "Bob", "Carol")));
            }
            JsonObject aliceEntry = admins[2].get("/api/players/Alice").object();
            assertThat(aliceEntry.getString("address")).isEqualTo("127.0.0.1");
            assertThat(aliceEntry.getString("route")).isEqualTo("play.test");
            assertThat(aliceEntry.getInteger("protocol")).isEqualTo(769);
            JsonArray nodes = admins[1].get("/api/nodes").array();
            assertThat(nodes).hasSize(3);
        }
    }

    @Test
    @Order(2)
    void kickFromNode3EndsASessionOnNode1WithTheReason() {
        try (ClientPeer dave = client(0, "play.test", "Dave")) {
            dave.await("login", WAIT);
            Await.until(PROPAGATION, "Dave listed on node 3", () -> admins[2].get("/api/players/Dave").status() == 200);
            AdminClient.Reply reply = admins[2].post("/api/players/Dave/kick", new JsonObject().put("reason", "Kicked from node 3"));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.object().getInteger("kicked")).isEqualTo(1);
            assertThat(dave.await("kicked", WAIT).getString("reason")).isEqualTo("Kicked from node 3");
            Await.until(PROPAGATION, "Dave gone", () -> admins[0].get("/api/players/Dave").status() == 404);
        }
    }

    @Test
    @Order(3)
    void broadcastFromNode2ReachesClientsOnNodes1And3() {
        try (ClientPeer erin = client(0, "play.test", "Erin");
                ClientPeer frank = client(2, "play.test", "Frank")) {
            erin.await("login", WAIT);
            frank.await("login", WAIT);
            Await.until(PROPAGATION, "both listed", () -> names(admins[1].get("/api/players").array())
                    .containsAll(java.util.List.of("Erin", "Frank")));
            AdminClient.Reply reply = admins[1].post("/api/broadcast", new JsonObject().put("message", "Hello network"));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.object().getInteger("reached")).isGreaterThanOrEqualTo(2);
            erin.await(e -> "Hello network".equals(e.getString("text")), "broadcast on node 1", WAIT);
            frank.await(e -> "Hello network".equals(e.getString("text")), "broadcast on node 3", WAIT);
        }
    }

    @Test
    @Order(4)
    void routePutOnNode1ServesALoginOnNode3() {
        AdminClient.Reply put = admins[0].put("/api/routes/late.test",
                new JsonObject().put("backend", "127.0.0.1:" + backend.port()));
        assertThat(put.status()).isIn(200, 201);
        Await.until(PROPAGATION, "route on node 3", () -> admins[2].get("/api/routes/late.test").status() == 200);
        try (ClientPeer gina = client(2, "late.test", "Gina")) {
            assertThat(backend.awaitLogin("Gina", WAIT).getString("host")).isEqualTo("late.test");
        }
    }

    @Test
    @Order(5)
    void maxPlayersIsCountedAcrossNodes() {
        try (ClientPeer one = client(0, "capped.test", "CapOne");
                ClientPeer two = client(1, "capped.test", "CapTwo")) {
            one.await("login", WAIT);
            two.await("login", WAIT);
            Await.until(PROPAGATION, "both counted on node 3", () -> names(admins[2].get("/api/players?route=capped.test")
                    .array()).size() == 2);
            try (ClientPeer three = client(2, "capped.test", "CapThree")) {
                assertThat(three.await("kicked", WAIT).getString("reason")).contains("This server is full (2 players)");
            }
        }
    }

    @Test
    @Order(6)
    void secondLoginOnAnotherNodeKicksTheFirst() {
        try (ClientPeer first = client(0, "play.test", "Twin")) {
            first.await("login", WAIT);
            Await.until(PROPAGATION, "Twin listed on node 3", () -> admins[2].get("/api/players/Twin").status() == 200);
            try (ClientPeer second = client(2, "play.test", "Twin")) {
                second.await("login", WAIT);
                assertThat(first.await("kicked", WAIT).getString("reason")).isEqualTo("You logged in from another location.");
            }
        }
    }

    @Test
    @Order(7)
    void missingOrWrongTokenIsRefused() {
        assertThat(admins[0].withToken(null, "/api/players").status()).isEqualTo(401);
        assertThat(admins[1].withToken("wrong", "/api/players").status()).isEqualTo(401);
        assertThat(admins[2].withToken(TOKEN, "/api/players").status()).isEqualTo(200);
        assertThat(admins[0].withToken(null, "/health").status()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void killedNodesPlayersLeaveTheListsAndTheOthersKeepRelaying() throws Exception {
        try (ClientPeer stays = client(1, "play.test", "Stays");
                ClientPeer goes = client(0, "play.test", "Goes")) {
            stays.await("login", WAIT);
            goes.await("login", WAIT);
            Await.until(PROPAGATION, "Goes listed on node 2", () -> admins[1].get("/api/players/Goes").status() == 200);
            cluster.kill(0);
            Duration bound = NODE_TIMEOUT.plus(Duration.ofSeconds(10));
            Await.until(bound, "Goes removed on node 2", () -> admins[1].get("/api/players/Goes").status() == 404);
            Await.until(bound, "Goes removed on node 3", () -> admins[2].get("/api/players/Goes").status() == 404);
            assertThat(admins[2].get("/api/players/Stays").status()).isEqualTo(200);
            stays.chat("still here");
            assertThat(backend.awaitChat("Stays", WAIT).getString("message")).isEqualTo("still here");
        }
        cluster.start(0);
        cluster.awaitReady(0);
    }

    @Test
    @Order(9)
    void fullRestartKeepsTheApiMadeRoute() throws Exception {
        assertThat(admins[1].delete("/api/routes/late.test").status()).isEqualTo(204);
        admins[1].put("/api/routes/kept.test", new JsonObject().put("backend", "127.0.0.1:" + backend.port()));
        Await.until(PROPAGATION, "kept.test everywhere", () -> admins[0].get("/api/routes/kept.test").status() == 200
                && admins[2].get("/api/routes/kept.test").status() == 200);
        for (int i = 0; i < 3; i++) {
            assertThat(cluster.stop(i)).as("node-%d exit code", i + 1).isZero();
        }
        cluster.startAll();
        assertThat(admins[2].get("/api/routes/kept.test").status()).isEqualTo(200);
        assertThat(admins[0].get("/api/routes/late.test").status()).as("a deleted route stays deleted").isEqualTo(404);
        try (ClientPeer hank = client(1, "kept.test", "Hank")) {
            backend.awaitLogin("Hank", WAIT);
        }
    }

    private static ClientPeer client(int node, String host, String name) {
        return Peers.client(ClientOptions.of(cluster.layout().proxyPort(node), "1.21.4").withFakeHost(host).withUsername(name));
    }

    private static java.util.List<String> names(JsonArray players) {
        return players.stream().map(p -> ((JsonObject) p).getString("name")).toList();
    }
}
