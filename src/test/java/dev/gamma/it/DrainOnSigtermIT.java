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
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void sigtermKeepsTheConnectedPlayerUntilTheyLeaveThenExitsZero() throws Exception {
        Peers.assumeAvailable();
        int port = GammaFixture.freePort();
        int adminPort = GammaFixture.freePort();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                NodeProcess node = NodeProcess.start(config(port, adminPort, backend.port(), "10m"))) {
            node.awaitLine(Pattern.compile(".*Gamma ready.*"), Duration.ofSeconds(30));
            try (ClientPeer steve = client(port, "Steve")) {
                steve.await("login", WAIT);
                node.signalTerm();
                node.awaitLine(Pattern.compile(".*draining: no new players; 1 session\\(s\\).*"), WAIT);
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
        int port = GammaFixture.freePort();
        int adminPort = GammaFixture.freePort();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                NodeProcess node = NodeProcess.start(config(port, adminPort, backend.port(), "10m"))) {
            node.awaitLine(Pattern.compile(".*Gamma ready.*"), Duration.ofSeconds(30));
            try (ClientPeer alex = client(port, "Alex")) {
                alex.await("login", WAIT);
                node.signalTerm();
                node.awaitLine(Pattern.compile(".*draining: no new players.*"), WAIT);
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
