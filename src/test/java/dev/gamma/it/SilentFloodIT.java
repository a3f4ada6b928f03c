package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.testkit.Await;
import dev.gamma.testkit.LoopbackPorts;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with 400 open files: one address opens 150 silent connections a second for 4 seconds and keeps them
 * open. The node's descriptors stay far from its limit, another address logs in meanwhile, and the closes are
 * logged as {@code rate-limited}. Before the greeting limits such a flood took every descriptor.
 */
class SilentFloodIT {
    private static final int FILES = 400;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void silentConnectionsFromOneAddressCannotExhaustTheNodesDescriptors() throws Exception {
        try (NioLoginBackend backend = new NioLoginBackend()) {
            Path config = dir.resolve("gamma.yaml");
            int port = LoopbackPorts.run(1);
            // the rate alone would stop this flood: make it generous, so the greeting limits are what is tested
            Files.writeString(config, """
                    bind: 127.0.0.1:%d
                    limits: {per-ip-rate: 1000, per-ip-burst: 1000}
                    routes:
                      - {host: login.test, backend: 127.0.0.1:%d}
                    data-dir: %s
                    """.formatted(port, backend.port(), dir.resolve("data")));
            try (NodeJvm node = NodeJvm.start(config, FILES, "-Xmx256m")) {
                node.awaitReady(Duration.ofSeconds(60));
                List<Socket> flood = new ArrayList<>();
                long peakFiles = 0;
                try {
                    for (int second = 0; second < 4; second++) {
                        long started = System.nanoTime();
                        for (int i = 0; i < 150; i++) {
                            Socket socket = new Socket();
                            socket.bind(new InetSocketAddress("127.0.0.2", 0));
                            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                            flood.add(socket);
                        }
                        peakFiles = Math.max(peakFiles, node.openFiles());
                        if (second == 2) {
                            try (Socket player = new Socket()) {
                                player.bind(new InetSocketAddress("127.0.0.3", 0));
                                player.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                                player.setSoTimeout(5_000);
                                LoginStream.clientLogin(player.getInputStream(), player.getOutputStream(),
                                        "login.test", "Bystander");
                            }
                        }
                        Thread.sleep(Math.max(0, 1_000 - (System.nanoTime() - started) / 1_000_000));
                    }
                    peakFiles = Math.max(peakFiles, node.openFiles());
                } finally {
                    for (Socket socket : flood) {
                        socket.close();
                    }
                }
                System.out.printf("silent flood: 600 connections from 127.0.0.2 in 4 s; the node's open files peaked"
                        + " at %d of %d%n", peakFiles, node.openFileLimit());
                assertThat(peakFiles).as("descriptors held during the flood").isLessThan(FILES / 2);
                Await.until(Duration.ofSeconds(5), "the bystander's login logged", () -> node.lines().stream()
                        .anyMatch(l -> l.contains("routed client=127.0.0.3 ") && l.contains("user=Bystander")));
                assertThat(node.lines()).anyMatch(l -> l.contains("rate-limited client=127.0.0.2 ")
                        && l.contains("max-greeting-per-ip"));
                assertThat(node.lines()).noneMatch(l -> l.contains("Too many open files"));
                assertThat(node.stop(Duration.ofSeconds(20))).isZero();
            }
        }
    }
}
