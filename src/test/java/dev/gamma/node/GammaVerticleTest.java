package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.cluster.ClusterBootstrap;
import dev.gamma.cluster.ClusterNode;
import dev.gamma.config.ConfigException;
import dev.gamma.config.ConfigLoader;
import dev.gamma.config.GammaConfig;
import dev.gamma.it.GammaFixture;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.pipeline.HandlerName;
import dev.gamma.pipeline.HandlerRegistry;
import dev.gamma.pipeline.PacketHandler;
import dev.gamma.pipeline.PacketHandlerFactory;
import dev.gamma.testkit.Await;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node deployed into a Vert.x it does not own, as an application embedding Gamma would, and undeployed from it. */
class GammaVerticleTest {
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final String SECRET = "a-verticle-test-cluster-secret-0123456789";

    @TempDir
    Path dir;

    @Test
    void undeployingClosesThePortsAndTheSessionsAndLeavesVertxRunning() throws Exception {
        Peers.assumeAvailable();
        int proxyPort = GammaFixture.freePort();
        int adminPort = GammaFixture.freePort();
        Vertx vertx = Vertx.vertx();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion())) {
            Path file = write("node.yaml", """
                    bind: 127.0.0.1:%d
                    admin: {bind: 127.0.0.1:%d}
                    data-dir: %s
                    routes:
                      - host: play.test
                        backend: 127.0.0.1:%d
                    """.formatted(proxyPort, adminPort, dir.resolve("data"), backend.port()));
            List<String> seenInCode = new CopyOnWriteArrayList<>();
            GammaVerticle verticle = new GammaVerticle(file).withEnvironment(Map.of())
                    .withHandlers((route, connection) -> {
                        seenInCode.add(route.name() + "/" + connection.playerName());
                        return List.of();
                    });
            String id = Await.await(vertx.deployVerticle(verticle));
            GammaNode node = verticle.node();

            ClientPeer client = Peers.client(ClientOptions.of(proxyPort, "1.21.4").withFakeHost("play.test")
                    .withUsername("Embedded"));
            backend.awaitLogin("Embedded", WAIT);
            Await.value(WAIT, "Embedded registered", () -> node.crosstalk().players().snapshot().isEmpty() ? null : 1);
            assertThat(accepts(adminPort)).isTrue();
            assertThat(seenInCode).containsExactly("play.test/Embedded");

            Await.await(vertx.undeploy(id));

            assertThat(accepts(proxyPort)).as("players' port after undeploy").isFalse();
            assertThat(accepts(adminPort)).as("admin port after undeploy").isFalse();
            assertThat(node.crosstalk().players().snapshot()).as("players registered").isEmpty();
            client.await("end", WAIT);
            // the Vert.x instance is its owner's: it still runs, and the node can be deployed again on the same ports
            GammaVerticle again = new GammaVerticle(file).withEnvironment(Map.of());
            Await.await(vertx.deployVerticle(again));
            assertThat(accepts(proxyPort)).isTrue();
            client.close();
        } finally {
            Await.await(vertx.close());
        }
    }

    @Test
    void deployedByClassNameItReadsTheFileTheDeploymentNames() throws Exception {
        int adminPort = GammaFixture.freePort();
        Path file = write("named.yaml", """
                bind: 127.0.0.1:0
                admin: {bind: 127.0.0.1:%d}
                data-dir: %s
                """.formatted(adminPort, dir.resolve("data")));
        Vertx vertx = Vertx.vertx();
        try {
            Await.await(vertx.deployVerticle(GammaVerticle.class.getName(),
                    new DeploymentOptions().setConfig(new JsonObject().put("config", file.toString()))));
            assertThat(accepts(adminPort)).isTrue();
        } finally {
            Await.await(vertx.close());
        }
        assertThat(accepts(adminPort)).isFalse();
    }

    @Test
    void handlersRegisteredInCodeCanBeNamedByRoutes() throws Exception {
        Path file = write("handlers.yaml", """
                bind: 127.0.0.1:0
                admin: {bind: 127.0.0.1:0}
                data-dir: %s
                routes:
                  - host: play.test
                    backend: 127.0.0.1:1
                    handlers: [audit]
                """.formatted(dir.resolve("data")));
        assertThat(GammaFixture.deployFailure(file)).hasMessageContaining("unknown handler \"audit\"");

        HandlerRegistry registry = new HandlerRegistry();
        registry.register(new AuditFactory());
        Vertx vertx = Vertx.vertx();
        try {
            GammaVerticle verticle = new GammaVerticle(file).withEnvironment(Map.of()).withHandlerRegistry(registry);
            Await.await(vertx.deployVerticle(verticle));
            assertThat(verticle.node().handlerRegistry().factory("audit")).isInstanceOf(AuditFactory.class);
        } finally {
            Await.await(vertx.close());
        }
    }

    @HandlerName("audit")
    public static final class AuditFactory implements PacketHandlerFactory {
        @Override
        public PacketHandler create() {
            return (packet, context) -> context.forward();
        }
    }

    @Test
    void aClusteredConfigurationNeedsTheClusterVertxAndSaysSo() throws Exception {
        Path file = write("clustered.yaml", """
                bind: 127.0.0.1:0
                admin: {bind: 127.0.0.1:0}
                data-dir: %s
                cluster: {enabled: true, secret: %s}
                """.formatted(dir.resolve("data"), SECRET));

        assertThat(GammaFixture.deployFailure(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ": cluster.enabled:").hasMessageContaining("ClusterNode");
    }

    @Test
    void undeployedFromAClusterItsNodeAndPlayersLeaveTheSharedDataWhileTheMemberStays() throws Exception {
        Peers.assumeAvailable();
        int portA = GammaFixture.freePort();
        int portB = GammaFixture.freePort();
        Path fileA = clusterFile("a.yaml", portA, portB);
        Path fileB = clusterFile("b.yaml", portB, portA);
        ClusterNode a = bootstrap(fileA);
        ClusterNode b = bootstrap(fileB);
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion())) {
            Files.writeString(fileA, Files.readString(fileA) + """
                    routes:
                      - host: play.test
                        backend: 127.0.0.1:%d
                    """.formatted(backend.port()));
            GammaVerticle onA = new GammaVerticle(fileA, a).withEnvironment(Map.of());
            String idA = Await.await(a.vertx().deployVerticle(onA));
            Await.await(b.vertx().deployVerticle(new GammaVerticle(fileB, b).withEnvironment(Map.of())));
            String nodeA = a.crosstalk().nodes().selfId();
            Await.value(WAIT, "B lists A", () -> listsNode(b, nodeA) ? 1 : null);

            ClientPeer client = Peers.client(ClientOptions.of(onA.node().proxyPort(), "1.21.4")
                    .withFakeHost("play.test").withUsername("Member"));
            backend.awaitLogin("Member", WAIT);
            Await.value(WAIT, "B sees A's player", () -> b.crosstalk().players().snapshot().stream()
                    .anyMatch(p -> p.node().equals(nodeA)) ? 1 : null);

            Await.await(a.vertx().undeploy(idA));

            Await.value(WAIT, "A's player gone from B's list", () -> b.crosstalk().players().snapshot().stream()
                    .noneMatch(p -> p.node().equals(nodeA)) ? 1 : null);
            Await.value(WAIT, "A gone from B's nodes", () -> listsNode(b, nodeA) ? null : 1);
            client.await("end", WAIT);
            assertThat(a.vertx().isClustered()).isTrue();
            client.close();
            // its view of the cluster served that node; another deployment needs a ClusterNode of its own
            assertThatThrownBy(() -> Await.await(a.vertx().deployVerticle(
                    new GammaVerticle(fileA, a).withEnvironment(Map.of()))))
                    .hasMessageContaining("a ClusterNode takes one deployment");
        } finally {
            Await.await(a.close());
            Await.await(b.close());
        }
    }

    private static boolean listsNode(ClusterNode observer, String id) {
        return observer.crosstalk().nodes().nodes().stream().anyMatch(n -> n.id().equals(id));
    }

    private Path clusterFile(String name, int port, int otherPort) throws IOException {
        return write(name, """
                bind: 127.0.0.1:0
                admin: {bind: 127.0.0.1:0}
                data-dir: %s
                cluster:
                  enabled: true
                  name: verticle-test
                  bind: 127.0.0.1:%d
                  members: [127.0.0.1:%d]
                  node-timeout: 2s
                  event-bus: 127.0.0.1:0
                  secret: %s
                """.formatted(dir.resolve(name + ".data"), port, otherPort, SECRET));
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

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static boolean accepts(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
