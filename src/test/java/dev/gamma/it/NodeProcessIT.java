package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as an operator runs it: ready line, signals, exit codes, live reload. */
class NodeProcessIT {
    private static final Path PROC_NET_TCP = Path.of("/proc/net/tcp");

    @TempDir
    Path dir;

    @Test
    void nodeStartsPrintsOneReadyLineAndStopsCleanlyOnSigterm() throws Exception {
        int port = GammaFixture.freePort();
        int adminPort = GammaFixture.freePort();
        Path config = write("gamma.yaml", "bind: 127.0.0.1:" + port + "\nadmin: {bind: 127.0.0.1:" + adminPort + "}\n"
                + "data-dir: " + dir.resolve("data") + "\n");
        try (NodeProcess node = NodeProcess.start(config)) {
            String ready = node.awaitLine(Pattern.compile(".*Gamma ready.*"), Duration.ofSeconds(30));
            assertThat(ready).contains("proxy 127.0.0.1:" + port).contains("admin http://127.0.0.1:" + adminPort)
                    .contains("cluster off (standalone)")
                    .endsWith(", " + 2 * Runtime.getRuntime().availableProcessors() + " event loop(s)");
            try (RawClient client = RawClient.connect(port)) {
                client.sendLogin("x.test", 769, "Steve");
                assertThat(client.readLoginDisconnect()).contains("There is no server at x.test");
            }
            var metrics = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("gamma_connections_total{outcome=\"unknown-host\",route=\"-\"} 1.0")
                    .contains("gamma_handshake_seconds_count")
                    .as("Vert.x's own metrics, but not its per-chunk TCP ones").contains("vertx_eventbus_handlers")
                    .doesNotContain("vertx_net_server");
            assertThat(node.sigterm(Duration.ofSeconds(15))).isZero();
            assertThat(node.lines()).filteredOn(l -> l.contains("Gamma ready")).hasSize(1);
            assertThat(node.lines()).as("a clean start and stop warns of nothing")
                    .noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR "));
        }
    }

    @Test
    void aSigtermTheMomentTheReadyLineAppearsStopsTheNodeCleanly() throws Exception {
        Path config = write("gamma.yaml", "bind: 127.0.0.1:" + GammaFixture.freePort() + "\nadmin: {bind: 127.0.0.1:"
                + GammaFixture.freePort() + "}\ndata-dir: " + dir.resolve("data") + "\n");
        try (NodeProcess node = NodeProcess.start(config)) {
            node.terminateOn(Pattern.compile(".*Gamma ready.*"));
            assertThat(node.waitForExit(Duration.ofSeconds(45))).as("exit code; output:%n%s", node.lines()).isZero();
            assertThat(node.lines()).anyMatch(l -> l.endsWith("stopped"));
        }
    }

    @Test
    void theEventLoopsSetHowManySocketsListenForPlayersAndEachServes() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(PROC_NET_TCP), "needs Linux's " + PROC_NET_TCP);
        int port = GammaFixture.freePort();
        Path config = write("gamma.yaml", "bind: 127.0.0.1:" + port + "\nadmin: {bind: 127.0.0.1:"
                + GammaFixture.freePort() + "}\ndata-dir: " + dir.resolve("data") + "\nrelay: {event-loops: 3}\n");
        try (NodeProcess node = NodeProcess.start(config)) {
            String ready = node.awaitLine(Pattern.compile(".*Gamma ready.*"), Duration.ofSeconds(30));
            assertThat(ready).endsWith(", 3 event loop(s)");
            // a native transport gives each loop a socket of its own on the port; Java NIO has one for all
            assertThat(listening(port)).isEqualTo(ready.contains("transport nio") ? 1 : 3);
            for (int i = 0; i < 9; i++) {
                try (RawClient client = RawClient.connect(port)) {
                    client.sendLogin("x.test", 769, "Steve");
                    assertThat(client.readLoginDisconnect()).contains("There is no server at x.test");
                }
            }
            assertThat(node.sigterm(Duration.ofSeconds(15))).isZero();
        }
    }

    /**
     * Sockets listening on 127.0.0.1:{@code port}, from the kernel's tables: a native transport's socket is IPv6,
     * bound to the IPv4-mapped address.
     */
    private static long listening(int port) throws IOException {
        String hexPort = ":" + String.format("%04X", port);
        Set<String> local = Set.of("0100007F" + hexPort, "0000000000000000FFFF00000100007F" + hexPort);
        long count = 0;
        for (Path table : new Path[] {PROC_NET_TCP, PROC_NET_TCP.resolveSibling("tcp6")}) {
            if (Files.isReadable(table)) {
                try (var lines = Files.lines(table)) {
                    count += lines.skip(1).map(String::strip).map(l -> l.split("\\s+"))
                            .filter(f -> local.contains(f[1]) && f[3].equals("0A")).count();
                }
            }
        }
        return count;
    }

    @Test
    void aSecondNodeOnATakenPortExitsNamingItAndTheFirstKeepsEveryConnection() throws Exception {
        int port = GammaFixture.freePort();
        Path first = write("first.yaml", "bind: 127.0.0.1:" + port + "\nadmin: {bind: 127.0.0.1:"
                + GammaFixture.freePort() + "}\ndata-dir: " + dir.resolve("data-1") + "\n"
                + "limits: {per-ip-rate: 1000, per-ip-burst: 1000, max-greeting-per-ip: 1000}\n");
        Path second = write("second.yaml", "bind: 127.0.0.1:" + port + "\nadmin: {bind: 127.0.0.1:"
                + GammaFixture.freePort() + "}\ndata-dir: " + dir.resolve("data-2") + "\n");
        try (NodeProcess node = NodeProcess.start(first)) {
            node.awaitLine(Pattern.compile(".*Gamma ready.*"), Duration.ofSeconds(30));
            try (NodeProcess intruder = NodeProcess.start(second)) {
                assertThat(intruder.waitForExit(Duration.ofSeconds(30))).isEqualTo(1);
                assertThat(String.join("\n", intruder.lines()))
                        .contains("Cannot start: 127.0.0.1:" + port + ": Address already in use");
            }
            for (int i = 0; i < 20; i++) {
                try (RawClient client = RawClient.connect(port)) {
                    client.sendLogin("x.test", 769, "Steve");
                    assertThat(client.readLoginDisconnect()).contains("There is no server at x.test");
                }
            }
            // each answered login is logged once, by the first node, shortly after its answer
            Await.until(Duration.ofSeconds(10), "20 unknown-host lines",
                    () -> node.lines().stream().filter(l -> l.contains("unknown-host")).count() >= 20);
            assertThat(node.lines()).filteredOn(l -> l.contains("unknown-host")).hasSize(20);
        }
    }

    @Test
    void adminBoundOffLoopbackWithoutATokenRefusesToStart() throws Exception {
        Path config = write("open.yaml", "bind: 127.0.0.1:" + GammaFixture.freePort() + "\nadmin: {bind: 0.0.0.0:"
                + GammaFixture.freePort() + "}\ndata-dir: " + dir.resolve("data") + "\n");
        try (NodeProcess node = NodeProcess.start(config)) {
            assertThat(node.waitForExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(String.join("\n", node.lines())).contains("admin.token");
        }
    }

    @Test
    void badConfigurationExitsWithCode2ListingEveryProblemWithFileAndLine() throws Exception {
        Path config = write("bad.yaml", """
                bind: 127.0.0.1:25565
                limits:
                  per-ip-rate: -1
                routes:
                  - host: play.example.com
                    backend: nowhere
                """);
        try (NodeProcess node = NodeProcess.start(config)) {
            assertThat(node.waitForExit(Duration.ofSeconds(30))).isEqualTo(2);
            String output = String.join("\n", node.lines());
            assertThat(output).contains("bad.yaml:3: limits.per-ip-rate");
            assertThat(output).contains("bad.yaml:6: routes[0].backend");
        }
    }

    @Test
    void editedConfigFileIsAppliedToNewConnectionsWithoutRestart() throws Exception {
        Peers.assumeAvailable();
        int port = GammaFixture.freePort();
        String header = "bind: 127.0.0.1:" + port + "\nadmin: {bind: 127.0.0.1:" + GammaFixture.freePort() + "}\n"
                + "data-dir: " + dir.resolve("data") + "\n";
        Path config = write("gamma.yaml", header);
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                NodeProcess node = NodeProcess.start(config)) {
            node.awaitLine(Pattern.compile(".*Gamma ready.*"), Duration.ofSeconds(30));
            Files.writeString(config, header + """
                    routes:
                      - host: late.test
                        backend: 127.0.0.1:%d
                    """.formatted(backend.port()));
            node.awaitLine(Pattern.compile(".*configuration reloaded.*"), Duration.ofSeconds(15));
            var options = ClientOptions.of(port, "1.20.4").withFakeHost("late.test").withUsername("Latecomer");
            try (ClientPeer client = Peers.client(options)) {
                backend.awaitLogin("Latecomer", Peers.TIMEOUT);
            }
            Files.writeString(config, "routes: [garbage\n");
            node.awaitLine(Pattern.compile(".*keeping the last good configuration.*"), Duration.ofSeconds(15));
            try (ClientPeer client = Peers.client(options.withUsername("StillRouted"))) {
                backend.awaitLogin("StillRouted", Peers.TIMEOUT);
            }
            assertThat(node.sigterm(Duration.ofSeconds(15))).isZero();
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
