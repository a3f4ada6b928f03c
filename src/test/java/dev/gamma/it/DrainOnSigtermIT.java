package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shutdown.drain-deadline}: SIGTERM drains a standalone node; its player stays until they leave. */
class DrainOnSigtermIT {
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final Pattern DRAINING_ONE = Pattern.compile(".*draining: no new players; 1 session\\(s\\).*");
    private final HttpClient http = HttpClient.newHttpClient();

    private final int port = GammaFixture.freePort();
    private final int adminPort = GammaFixture.freePort();

    @TempDir
    Path dir;

    @Test
    void sigtermKeepsTheConnectedPlayerUntilTheyLeaveThenExitsZero() throws Exception {
        Peers.assumeAvailable();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                NodeProcess node = readyNode(backend)) {
            try (ClientPeer steve = playerThenSignal(node, "Steve")) {
                assertThat(status(adminPort, "/ready")).isEqualTo(503);
                assertThat(status(adminPort, "/health")).isEqualTo(200);
                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);

                steve.chat("after the signal");
                steve.await(e -> "chat".equals(e.getString("event"))
                        && "echo: after the signal".equals(e.getString("text")), WAIT);
                assertThat(node.alive()).isTrue();
                steve.quit();
                steve.await("end", WAIT);
                assertThat(steve.events()).noneMatch(e -> "kicked".equals(e.getString("event")));
            }
            // the deadline is 10 minutes away: only the player's leaving can end the drain this soon
            assertThat(node.waitForExit(Duration.ofSeconds(60))).isZero();
            assertThat(node.lines()).anyMatch(l -> l.contains("drain ended: the last session ended"))
                    .anyMatch(l -> l.contains("stopped"));
        }
    }

    @Test
    void aSecondSigtermDuringADrainStopsAtOnce() throws Exception {
        Peers.assumeAvailable();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                NodeProcess node = readyNode(backend)) {
            try (ClientPeer alex = playerThenSignal(node, "Alex")) {
                node.signalTerm();
                assertThat(node.waitForExit(Duration.ofSeconds(60))).isZero();
                alex.await("end", WAIT);
            }
            assertThat(node.lines()).anyMatch(l -> l.contains("stopped")).noneMatch(l -> l.contains("drain ended"));
        }
    }

    @Test
    void aBadDrainDeadlineIsRefusedWithFileAndLine() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, """
                bind: 127.0.0.1:%d
                shutdown:
                  drain-deadline: 25h
                  drain-message: ""
                """.formatted(GammaFixture.freePort()));
        try (NodeProcess node = NodeProcess.start(config)) {
            assertThat(node.waitForExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(String.join("\n", node.lines())).contains("bad.yaml:3: shutdown.drain-deadline")
                    .contains("bad.yaml:4: shutdown.drain-message");
        }
    }

    @Test
    void aSignalAfterTheDrainWasCalledOffDrainsAgainAndOnlyTheNextOneStops() throws Exception {
        Peers.assumeAvailable();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                NodeProcess node = readyNode(backend)) {
            try (ClientPeer alex = playerThenSignal(node, "Alex")) {
                HttpResponse<String> resumed = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + adminPort + "/api/nodes/self/drain")).DELETE().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
                node.awaitLine(Pattern.compile(".*drain called off: taking new players again.*"), WAIT);
                new Socket("127.0.0.1", port).close();
                assertThat(status(adminPort, "/ready")).isEqualTo(200);

                node.signalTerm(); // the connection opened above may still count, or not
                node.awaitLine(Pattern.compile(".*draining: no new players.*"), WAIT);
                assertThat(node.alive()).as("drains again rather than stopping").isTrue();
                node.signalTerm();
                assertThat(node.waitForExit(Duration.ofSeconds(60))).isZero();
                alex.await("end", WAIT);
            }
        }
    }

    /** A node draining for 10 minutes at a signal, relaying play.test to {@code backend}, once it is ready. */
    private NodeProcess readyNode(BackendPeer backend) throws Exception {
        NodeProcess node = NodeProcess.start(config(port, adminPort, backend.port(), "10m"));
        try {
            node.awaitLine(Pattern.compile(".*Gamma ready.*"), Duration.ofSeconds(30));
            return node;
        } catch (AssertionError | InterruptedException e) {
            node.close();
            throw e;
        }
    }

    /** {@code name} logs in through the node, which then gets SIGTERM and says it drains. */
    private ClientPeer playerThenSignal(NodeProcess node, String name) throws Exception {
        ClientPeer player = client(port, name);
        try {
            player.await("login", WAIT);
            node.signalTerm();
            node.awaitLine(DRAINING_ONE, WAIT);
            return player;
        } catch (AssertionError | IOException | InterruptedException e) {
            player.close();
            throw e;
        }
    }

    private Path config(int port, int adminPort, int backendPort, String drain) throws IOException {
        Path config = dir.resolve("gamma.yaml");
        Files.writeString(config, """
                bind: 127.0.0.1:%d
                admin: {bind: 127.0.0.1:%d}
                data-dir: %s
                shutdown: {drain-deadline: %s}
                routes:
                  - host: play.test
                    backend: 127.0.0.1:%d
                    inspect: true
                """.formatted(port, adminPort, dir.resolve("data"), drain, backendPort));
        return config;
    }

    private static ClientPeer client(int port, String name) {
        return Peers.client(ClientOptions.of(port, "1.21.4").withFakeHost("play.test").withUsername(name));
    }

    private int status(int adminPort, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
