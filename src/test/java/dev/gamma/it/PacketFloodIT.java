package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.WireWriter;
import dev.gamma.testkit.Await;
import dev.gamma.testkit.LoopbackPorts;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node of 96 MiB heap with {@code packet-stats} on a route: three players each send 100,000 packets with
 * distinct ids. The handler's tallies and the metrics keep to a fixed set of packet names, the per-connection log
 * line stays short, and {@code /health} answers throughout. Before, each id became a counter and a metric series
 * of its own, and three such connections took a 256 MiB node to OutOfMemoryError.
 */
class PacketFloodIT {
    private static final int IDS = 100_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void inventedPacketIdsLeaveTheTalliesAndMetricsBounded() throws Exception {
        try (NioLoginBackend backend = new NioLoginBackend()) {
            Path config = dir.resolve("gamma.yaml");
            int port = LoopbackPorts.run(1);
            int adminPort = LoopbackPorts.run(1);
            Files.writeString(config, """
                    bind: 127.0.0.1:%d
                    admin: {bind: 127.0.0.1:%d}
                    routes:
                      - {host: framed.test, backend: 127.0.0.1:%d, handlers: [packet-stats]}
                    data-dir: %s
                    """.formatted(port, adminPort, backend.port(), dir.resolve("data")));
            try (NodeJvm node = NodeJvm.start(config, 4096, "-Xmx96m")) {
                node.awaitReady(Duration.ofSeconds(60));
                AdminClient admin = new AdminClient(adminPort, null);
                for (int player = 0; player < 3; player++) {
                    flood(port, "Flooder" + player);
                    assertThat(admin.get("/health").status()).isEqualTo(200);
                    String metrics = admin.get("/metrics").body();
                    long series = metrics.lines().filter(l -> l.startsWith("gamma_packets_total{")).count();
                    assertThat(series).as("packet series after %d floods", player + 1).isLessThan(300);
                }
                Await.until(Duration.ofSeconds(10), "the three connections' lines", () -> node.lines().stream()
                        .filter(l -> l.contains("gamma.packet-stats") || l.contains("Flooder")).count() >= 3);
                Await.until(Duration.ofSeconds(10), "every invented id counted", () ->
                        unknown(admin.get("/metrics").body()) >= 3.0 * IDS);
                assertThat(node.lines().stream().filter(l -> l.contains("Flooder") && l.contains("framed.test)")))
                        .isNotEmpty().allMatch(l -> l.length() < 2_000);
                assertThat(node.lines()).noneMatch(l -> l.contains("OutOfMemoryError"));
                assertThat(node.stop(Duration.ofSeconds(20))).isZero();
            }
        }
    }

    /** Logs in, then sends IDS packets with ids 1,000 to 100,999 (none of them a packet of the version). */
    private static void flood(int port, String name) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            LoginStream.clientLogin(socket.getInputStream(), socket.getOutputStream(), "framed.test", name);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            for (int id = 1_000; id < 1_000 + IDS; id++) {
                out.write(Frames.frame(new WireWriter().writeVarInt(id).writeBytes(new byte[] {1}).toByteArray()));
            }
            out.flush();
            socket.shutdownOutput();
            socket.getInputStream().readAllBytes();
        }
    }

    private static double unknown(String metrics) {
        Matcher m = Pattern.compile("^gamma_packets_total\\{packet=\"configuration/sb/unknown\"} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
