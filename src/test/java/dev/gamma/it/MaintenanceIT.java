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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance mode across the fleet: three real node JVMs in one cluster on loopback, real clients and a real
 * backend; maintenance is switched through node 1's API and acted on by node 3.
 */
class MaintenanceIT {
    private static final String TOKEN = "maintenance-it-token";
    private static final Duration WAIT = Peers.TIMEOUT;
    /** The shared route table reaches every node within about a second; the bound leaves room for a loaded machine. */
    private static final Duration PROPAGATION = Duration.ofSeconds(5);
    private static final String MESSAGE = "Maintenance until 18:00 UTC";

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
                """.formatted(TOKEN, backend.port()));
        LocalCluster layout = new LocalCluster(3, new LocalCluster.Ports(LoopbackPorts.run(3), LoopbackPorts.run(3), LoopbackPorts.run(3)),
                dir.resolve("nodes"));
        cluster = new ClusterProcesses(layout, config);
        cluster.startAll();
        admins = IntStream.range(0, 3).mapToObj(i -> new AdminClient(layout.adminPort(i), TOKEN))
                .toArray(AdminClient[]::new);
        Await.until(WAIT, "three nodes", () -> admins[0].get("/api/nodes").array().size() == 3);
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
    void node1SwitchesItAndNode3RefusesKicksAndAdmitsByTheAllowListUntilItIsOff() {
        try (ClientPeer guest = client(2, "Guest"); ClientPeer staff = client(2, "Staff")) {
            guest.await("login", WAIT);
            staff.await("login", WAIT);

            AdminClient.Reply on = admins[0].put("/api/routes/play.test/maintenance", new JsonObject()
                    .put("enabled", true).put("motd", "§cBack soon").put("message", MESSAGE)
                    .put("allow", new JsonArray().add("Staff").add("admin")).put("kick-current", true));
            assertThat(on.status()).as(on.body()).isEqualTo(200);

            // kick-current: node 3 kicks its own player who is not on the list, with the message, in-band
            assertThat(guest.await("kicked", PROPAGATION.plus(WAIT)).getString("reason")).isEqualTo(MESSAGE);
            for (int node = 0; node < 3; node++) {
                int n = node;
                JsonObject status = Await.value(PROPAGATION, "maintenance shown by node " + (n + 1), () -> {
                    JsonObject s = ping(n);
                    return "Maintenance".equals(s.getJsonObject("version").getString("name")) ? s : null;
                });
                assertThat(status.getJsonObject("version").getInteger("protocol")).isEqualTo(-1);
                assertThat(status.getValue("description").toString()).contains("Back soon");
            }
            assertThat(legacyReply(cluster.layout().proxyPort(1)).split("\0"))
                    .contains("Maintenance", "§cBack soon");

            try (ClientPeer refused = client(2, "Stranger")) {
                assertThat(refused.await("kicked", WAIT).getString("reason")).isEqualTo(MESSAGE);
            }
            try (ClientPeer admin = client(2, "Admin")) {
                admin.await("login", WAIT);
            }
            assertThat(staff.isAlive()).isTrue();
            assertThat(staff.events()).noneMatch(e -> "kicked".equals(e.getString("event")));
            assertThat(cluster.output(2)).anyMatch(l -> l.contains("maintenance") && l.contains("user=Stranger"));

            AdminClient.Reply off = admins[1].put("/api/routes/play.test/maintenance",
                    new JsonObject().put("enabled", false));
            assertThat(off.status()).as(off.body()).isEqualTo(200);
            Await.until(PROPAGATION, "node 3 out of maintenance", () ->
                    !"Maintenance".equals(ping(2).getJsonObject("version").getString("name")));
            try (ClientPeer back = client(2, "Stranger")) {
                back.await("login", WAIT);
            }
        }
    }

    private static JsonObject ping(int node) {
        return Peers.ping("127.0.0.1", cluster.layout().proxyPort(node), "play.test", "1.21.4");
    }

    private static String legacyReply(int port) {
        try (RawClient client = RawClient.connect(port)) {
            client.send(LegacyPings.v16("play.test", 25565));
            byte[] reply = client.readToEnd();
            int units = ByteBuffer.wrap(reply, 1, 2).getShort();
            return new String(reply, 3, units * 2, StandardCharsets.UTF_16BE);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ClientPeer client(int node, String name) {
        return Peers.client(ClientOptions.of(cluster.layout().proxyPort(node), "1.21.4").withFakeHost("play.test")
                .withUsername(name));
    }
}
