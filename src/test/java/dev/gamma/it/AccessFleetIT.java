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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real node JVMs on loopback: a route's access list put through one node's API is in force on the other, for
 * real clients from distinct 127.x.y.z addresses, and so is its removal.
 */
class AccessFleetIT {
    private static final String TOKEN = "access-fleet-secret";
    private static final String VERSION = "1.21.4";
    private static final Duration PROPAGATION = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aRoutesListPutOnOneNodeAppliesOnTheOther() throws Exception {
        Peers.assumeAvailable();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                ClusterProcesses cluster = startCluster()) {
            AdminClient first = new AdminClient(cluster.layout().adminPort(0), TOKEN);
            AdminClient second = new AdminClient(cluster.layout().adminPort(1), TOKEN);
            JsonObject guarded = new JsonObject().put("backend", "127.0.0.1:" + backend.port())
                    .put("access", new JsonObject().put("deny", new JsonArray().add("127.0.0.4/32")));

            assertThat(first.put("/api/routes/guarded.test", guarded).status()).isEqualTo(201);
            Await.until(PROPAGATION, "the list on node 2", () -> deny(second).equals(List.of("127.0.0.4/32")));

            try (ClientPeer refused = client(cluster, "127.0.0.4", "Refused")) {
                assertThat(refused.await("kicked", Peers.TIMEOUT).getString("reason"))
                        .isEqualTo("You are not allowed to join this server.");
            }
            try (ClientPeer welcome = client(cluster, "127.0.0.2", "Welcome")) {
                welcome.await("login", Peers.TIMEOUT);
                backend.awaitLogin("Welcome", Peers.TIMEOUT);
            }

            guarded.remove("access");
            assertThat(first.put("/api/routes/guarded.test", guarded).status()).isEqualTo(200);
            Await.until(PROPAGATION, "no list on node 2", () -> deny(second).isEmpty());
            try (ClientPeer readmitted = client(cluster, "127.0.0.4", "Readmitted")) {
                readmitted.await("login", Peers.TIMEOUT);
                backend.awaitLogin("Readmitted", Peers.TIMEOUT);
            }

            // the fleet-wide list: put on node 1, closes at accept on node 2, kept in node 2's data-dir
            JsonObject fleet = new JsonObject().put("deny", new JsonArray().add("127.0.0.5"));
            assertThat(first.put("/api/access", fleet).status()).isEqualTo(200);
            Await.until(PROPAGATION, "the fleet list on node 2", () -> new JsonObject(second.get("/api/access").body())
                    .getJsonArray("deny").contains("127.0.0.5"));
            try (RawClient denied = RawClient.connectFrom("127.0.0.5", cluster.layout().proxyPort(1))) {
                denied.send(RawClient.login("guarded.test", 765, "Fleeting"));
                assertThat(denied.readUntilClosed(5_000)).as("closed at accept by the fleet's list").isEmpty();
            }
            assertThat(cluster.layout().dataDir(1).resolve("access.json")).as("saved in node 2's data-dir")
                    .content().contains("127.0.0.5");
            assertThat(second.put("/api/access", new JsonObject()).status()).isEqualTo(200);
            try (ClientPeer back = client(cluster, "127.0.0.5", "Back")) {
                back.await("login", Peers.TIMEOUT);
            }
            assertThat(cluster.output(1)).anyMatch(l -> l.contains("denied client=127.0.0.4"))
                    .noneMatch(l -> l.startsWith("\tat "));
        }
    }

    /** The deny list of guarded.test as node 2's API lists it. */
    private static List<Object> deny(AdminClient admin) {
        AdminClient.Reply reply = admin.get("/api/routes/guarded.test");
        if (reply.status() != 200) {
            return List.of("none yet");
        }
        JsonObject access = new JsonObject(reply.body()).getJsonObject("route").getJsonObject("access");
        return access == null ? List.of() : access.getJsonArray("deny").getList();
    }

    private static ClientPeer client(ClusterProcesses cluster, String address, String name) {
        return Peers.client(ClientOptions.of(cluster.layout().proxyPort(1), VERSION).withFakeHost("guarded.test")
                .withUsername(name).withLocalAddress(address));
    }

    private ClusterProcesses startCluster() throws IOException {
        Path config = dir.resolve("fleet.yaml");
        Files.writeString(config, "admin: {token: " + TOKEN + "}\n");
        int base = LoopbackPorts.run(6);
        LocalCluster layout = new LocalCluster(2, new LocalCluster.Ports(base, base + 2, base + 4),
                dir.resolve("nodes"));
        ClusterProcesses cluster = new ClusterProcesses(layout, config);
        try {
            cluster.startAll();
            AdminClient admin = new AdminClient(layout.adminPort(1), TOKEN);
            Await.until(PROPAGATION, "two members", () -> new JsonArray(admin.get("/api/nodes").body()).size() == 2);
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }
}
