package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Prometheus metrics move with what real clients do. */
class MetricsTest {

    @Test
    void connectionsBytesPlayersStatusCacheAndHandshakesAreCounted() throws Exception {
        Peers.assumeAvailable();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion().withMotd("Metered"));
                GammaFixture gamma = GammaFixture.start("""
                        routes:
                          - host: metered.test
                            backend: 127.0.0.1:%1$d
                            handlers: [packet-stats]
                          - host: checked.test
                            backends: [127.0.0.1:%1$d, 127.0.0.1:%2$d]
                            health: {interval: 500ms, timeout: 400ms, fails: 1, passes: 1}
                        """.formatted(backend.port(), GammaFixture.freePort()))) {
            try (RawClient unknown = RawClient.connect(gamma.port())) {
                unknown.sendLogin("nowhere.test", 769, "Lost");
                unknown.readLoginDisconnect();
            }
            Peers.ping("127.0.0.1", gamma.port(), "metered.test", "1.21.4");
            Peers.ping("127.0.0.1", gamma.port(), "metered.test", "1.21.4");
            try (ClientPeer client = Peers.client(ClientOptions.of(gamma.port(), "1.21.4")
                    .withFakeHost("metered.test").withUsername("Meter"))) {
                client.await("login", Peers.TIMEOUT);
                Await.until(Peers.TIMEOUT, "player gauge", () ->
                        value(gamma.node().scrapeMetrics(), "gamma_players{route=\"metered.test\"}") == 1.0);
                assertThat(value(gamma.node().scrapeMetrics(), "gamma_bytes_total{direction=\"from_backend\"}"))
                        .as("live session bytes count before it ends").isPositive();
            }
            Await.until(Peers.TIMEOUT, "routed connection counted", () ->
                    value(gamma.node().scrapeMetrics(), "gamma_connections_total{outcome=\"routed\",route=\"metered.test\"}") == 1.0);
            String metrics = gamma.node().scrapeMetrics();
            assertThat(value(metrics, "gamma_connections_total{outcome=\"unknown-host\",route=\"-\"}")).isEqualTo(1.0);
            assertThat(value(metrics, "gamma_connections_total{outcome=\"status\",route=\"metered.test\"}")).isEqualTo(2.0);
            assertThat(value(metrics, "gamma_status_cache_total{result=\"hit\"}")).isEqualTo(1.0);
            assertThat(value(metrics, "gamma_status_cache_total{result=\"miss\"}")).isEqualTo(1.0);
            assertThat(value(metrics, "gamma_handshake_seconds_count")).isGreaterThanOrEqualTo(4.0);
            assertThat(value(metrics, "gamma_bytes_total{direction=\"from_client\"}")).isPositive();
            assertThat(value(metrics, "gamma_cluster_members")).isEqualTo(1.0);
            assertThat(value(metrics, "gamma_packets_total{packet=\"login_success\"}")).isEqualTo(1.0);
            assertThat(value(metrics, "gamma_packet_bytes_total{packet=\"login_success\"}")).isPositive();
            assertThat(metrics).doesNotContain("gamma_players{route=\"metered.test\"} 1.0");
            Await.until(Peers.TIMEOUT, "backend health gauges", () -> {
                String now = gamma.node().scrapeMetrics();
                return value(now, "gamma_backend_up{backend=\"127.0.0.1:" + backend.port() + "\"}") == 1.0
                        && now.lines().filter(l -> l.startsWith("gamma_backend_up{")).count() == 2
                        && now.lines().anyMatch(l -> l.startsWith("gamma_backend_up{") && l.endsWith(" 0.0"));
            });
            metrics = gamma.node().scrapeMetrics();
            assertDocumented(metrics);
        }
    }

    /** Every gamma_* family the node exposes is in docs/metrics.md, so the reference cannot drift. */
    private static void assertDocumented(String metrics) throws java.io.IOException {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "metrics.md"));
        Matcher family = Pattern.compile("^# TYPE (gamma_\\w+) ", Pattern.MULTILINE).matcher(metrics);
        int families = 0;
        while (family.find()) {
            families++;
            String name = family.group(1).replaceAll("_max$", "");
            assertThat(docs).as("docs/metrics.md documents %s", name).contains("`" + name + "`");
        }
        assertThat(families).isGreaterThanOrEqualTo(6);
    }

    /** The value of one sample line, or -1 when absent. */
    static double value(String metrics, String sample) {
        Matcher line = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : -1;
    }
}
