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
import dev.gamma.testkit.Await;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fresh another node's {@code /api/players} is: two clustered nodes in this JVM, a real client logging in
 * through node A to an online-mode (encrypting) backend, and the answers read from node B's admin API.
 */
class RegistryFreshnessTest {
    private static final String TOKEN = "freshness-token";
    private static final String SECRET = "a-freshness-test-cluster-secret-0123456789";
    private static final Duration WAIT = Peers.TIMEOUT;
    /** A change (encryption) is written when it happens: what is left is the way through Hazelcast. */
    private static final Duration CHANGE = Duration.ofSeconds(1);
    /** Byte counts are written every second when they moved. */
    private static final Duration COUNTS = Duration.ofSeconds(2);

    @TempDir
    static Path dir;

    private static BackendPeer online;
    private static ClusterNode a;
    private static ClusterNode b;
    private static GammaVerticle onA;
    private static AdminClient adminB;

    @BeforeAll
    static void start() throws IOException {
        Peers.assumeAvailable();
        online = Peers.backend(BackendOptions.defaults().withVersion("1.20.4").withOnlineMode(true));
        int portA = GammaFixture.freePort();
        int portB = GammaFixture.freePort();
        Path fileA = clusterFile("a.yaml", portA, portB, """
                routes:
                  - host: online.test
                    backend: 127.0.0.1:%d
                """.formatted(online.port()));
        Path fileB = clusterFile("b.yaml", portB, portA, "");
        a = bootstrap(fileA);
        b = bootstrap(fileB);
        onA = new GammaVerticle(fileA, a).withEnvironment(Map.of());
        Await.await(a.vertx().deployVerticle(onA));
        GammaVerticle onB = new GammaVerticle(fileB, b).withEnvironment(Map.of());
        Await.await(b.vertx().deployVerticle(onB));
        adminB = new AdminClient(onB.adminPort(), TOKEN);
        String nodeA = a.crosstalk().nodes().selfId();
        Await.until(WAIT, "B lists A", () -> b.crosstalk().nodes().nodes().stream().anyMatch(n -> n.id().equals(nodeA)));
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            Await.await(a.close());
        }
        if (b != null) {
            Await.await(b.close());
        }
        if (online != null) {
            online.close();
        }
    }

    @Test
    void anotherNodeShowsEncryptionAtOnceAndByteCountsThatKeepUp() {
        String name = "Fresh";
        try (ClientPeer client = Peers.client(ClientOptions.of(onA.node().proxyPort(), "1.20.4")
                .withFakeHost("online.test").withUsername(name))) {
            assertThat(online.awaitLogin(name, WAIT).getBoolean("encrypted")).isTrue();
            Await.until(CHANGE, "encrypted on node B's list", () -> entryOnB(name)
                    .map(e -> e.getBoolean("encrypted")).orElse(false));
            client.await("login", WAIT);

            JsonObject seen = entryOnB(name).orElseThrow();
            for (int round = 0; round < 3; round++) { // each moves both counters; node B must show it within 2 s
                String answer = "answer " + round;
                long in = seen.getLong("bytesIn");
                long out = seen.getLong("bytesOut");
                client.chat("line " + round);
                online.awaitChat(name, WAIT);
                online.say(name, answer);
                client.await(e -> "chat".equals(e.getString("event")) && answer.equals(e.getString("text")), answer, WAIT);
                seen = Await.value(COUNTS, "counts past " + in + "/" + out + " on node B", () -> entryOnB(name)
                        .filter(e -> e.getLong("bytesIn") > in && e.getLong("bytesOut") > out).orElse(null));
            }
            assertThat(seen.getBoolean("encrypted")).isTrue();
            assertThat(seen.getLong("bytesIn")).isPositive();
            assertThat(seen.getLong("bytesOut")).isPositive();
        }
        Await.until(WAIT, name + " gone from node B", () -> entryOnB(name).isEmpty());
    }

    private static java.util.Optional<JsonObject> entryOnB(String name) {
        AdminClient.Reply reply = adminB.get("/api/players");
        assertThat(reply.status()).isEqualTo(200);
        return reply.array().stream().map(JsonObject.class::cast)
                .filter(e -> name.equals(e.getString("name"))).findFirst();
    }

    private static Path clusterFile(String name, int port, int otherPort, String routes) throws IOException {
        return Files.writeString(dir.resolve(name), """
                bind: 127.0.0.1:0
                admin: {bind: 127.0.0.1:0, token: %s}
                data-dir: %s
                cluster:
                  enabled: true
                  name: freshness-test
                  bind: 127.0.0.1:%d
                  members: [127.0.0.1:%d]
                  node-timeout: 2s
                  event-bus: 127.0.0.1:0
                  secret: %s
                """.formatted(TOKEN, dir.resolve(name + ".data"), port, otherPort, SECRET) + routes);
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
}
