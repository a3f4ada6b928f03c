package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gamma.testkit.Await;
import io.vertx.core.transport.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged node on io_uring, started as {@code gamma run} starts it (no JVM options): a client that resets right
 * after its last bytes has its session end. Netty's io_uring loses about half of those resets unless the node turns
 * its multishot polls off before Netty loads, which only the node's own start can do here.
 */
class IoUringResetIT {
    private static final int CLIENTS = 20;

    @TempDir
    Path dir;

    @Test
    void everyClientThatResetsWithItsLastBytesHasItsBackendClosed() throws Exception {
        assumeTrue(Transport.IO_URING.available(), "needs a kernel that allows io_uring");
        ExecutorService threads = Executors.newCachedThreadPool();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = GammaFixture.freePort();
            Path config = config(port, listener.getLocalPort());
            try (NodeProcess node = NodeProcess.start(config)) {
                assertThat(node.awaitLine(Pattern.compile(".*Gamma ready.*"), Duration.ofSeconds(30)))
                        .contains("transport io_uring");
                for (int i = 0; i < CLIENTS; i++) {
                    Future<byte[]> backend = threads.submit(() -> {
                        try (Socket socket = listener.accept()) {
                            socket.setSoTimeout(10_000);
                            LoginStream.backendLogin(socket.getInputStream(), socket.getOutputStream());
                            return socket.getInputStream().readAllBytes(); // until Gamma's close
                        }
                    });
                    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        client.setSoTimeout(5_000);
                        LoginStream.clientLogin(client.getInputStream(), client.getOutputStream(), "reset.test",
                                "Resetter" + i);
                        client.getOutputStream().write(new byte[] {2, 0, 0});
                        client.setSoLinger(true, 0); // the close sends an RST
                    }
                    assertThat(backend.get(5, TimeUnit.SECONDS)).as("client %d's backend, closed", i).hasSizeLessThan(4);
                }
                Await.until(Duration.ofSeconds(10), "a connection line for every client",
                        () -> connectionLines(node).size() == CLIENTS);
                assertThat(connectionLines(node)).allMatch(line -> line.contains("client connection failed"));
                assertThat(node.lines()).noneMatch(line -> line.contains("multishot"));
                assertThat(node.sigterm(Duration.ofSeconds(15))).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Started with Netty's multishot polls named on, a node runs on them, and says what that risks. */
    @Test
    void aNodeMadeToRunOnMultishotPollsWarnsThatResetsCanBeMissed() throws Exception {
        assumeTrue(Transport.IO_URING.available(), "needs a kernel that allows io_uring");
        Path config = config(GammaFixture.freePort(), GammaFixture.freePort());
        try (NodeProcess node = NodeProcess.start(config, List.of("-Dio.netty.iouring.pollAddMultishotEnabled=true"))) {
            node.awaitLine(Pattern.compile(".*Gamma ready.*transport io_uring.*"), Duration.ofSeconds(30));
            assertThat(node.lines()).anySatisfy(line -> assertThat(line).contains(" WARN ")
                    .contains("io_uring runs with multishot polls").contains("reset"));
            assertThat(node.sigterm(Duration.ofSeconds(15))).isZero();
        }
    }

    private Path config(int port, int backendPort) throws IOException {
        Path config = dir.resolve("gamma.yaml");
        Files.writeString(config, """
                bind: 127.0.0.1:%d
                admin: {bind: 127.0.0.1:%d}
                data-dir: %s
                relay: {transport: io_uring}
                limits: {per-ip-rate: 100, per-ip-burst: 100}
                routes:
                  - host: reset.test
                    backend: 127.0.0.1:%d
                """.formatted(port, GammaFixture.freePort(), dir.resolve("data"), backendPort));
        return config;
    }

    private static List<String> connectionLines(NodeProcess node) {
        return node.lines().stream().filter(line -> line.contains(" routed ") && line.contains("user=Resetter"))
                .toList();
    }
}
