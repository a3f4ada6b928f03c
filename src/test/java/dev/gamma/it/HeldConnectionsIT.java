package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gamma.testkit.Await;
import dev.gamma.testkit.LoopbackPorts;
import java.net.InetSocketAddress;
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
 * Nine thousand players logged in through one node (a separate JVM, as in production) and held: all listed, the
 * admin API still answering, all gone once they leave. The clients and their backend live in this JVM on NIO,
 * holding 18,000 sockets; the node holds another 18,000.
 */
class HeldConnectionsIT {
    private static final int CONNECTIONS = 9_000;
    /** Logins without an answer yet: enough to keep the node busy, few enough for the listen backlog. */
    private static final int IN_FLIGHT = 256;
    private static final Duration ADMIN_BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void nineThousandHeldLoginsAreListedWhileTheAdminApiAnswersAndAllLeaveCleanly() throws Exception {
        assumeTrue(openFileLimit() >= 2L * CONNECTIONS + 1_000,
                "this JVM may open only " + openFileLimit() + " files; it needs two per connection (ulimit -n)");
        int port = LoopbackPorts.run(2);
        int adminPort = port + 1;
        try (NioLoginBackend backend = new NioLoginBackend()) {
            Path config = dir.resolve("gamma.yaml");
            Files.writeString(config, """
                    bind: 127.0.0.1:%d
                    admin: {bind: 127.0.0.1:%d}
                    data-dir: %s
                    limits: {per-ip-rate: 100000, per-ip-burst: 100000, max-greeting-per-ip: 100000}   # all from 127.0.0.1
                    routes:
                      - {host: held.test, backend: 127.0.0.1:%d}
                    """.formatted(port, adminPort, dir.resolve("data"), backend.port()));
            try (NodeJvm node = NodeJvm.start(config, 20_000, "-Xmx1g")) {
                node.awaitReady(Duration.ofSeconds(60));
                assertThat(node.openFileLimit()).as("the node's open-file limit").isGreaterThan(2L * CONNECTIONS);
                AdminClient api = new AdminClient(adminPort, null);
                long rssBefore = node.residentKiB();
                long heapBefore = node.heapAfterGcKiB();
                long filesBefore = node.openFiles();
                long cpuBefore = node.cpuMillis();

                try (NioLogins clients = new NioLogins(new InetSocketAddress("127.0.0.1", port), "held.test", null)) {
                    NioLogins.Result opened = clients.login("held", CONNECTIONS, IN_FLIGHT, Duration.ofSeconds(90));
                    long loginCpu = node.cpuMillis() - cpuBefore;
                    assertThat(opened.refused()).isEmpty();
                    assertThat(opened.failed()).isZero();
                    assertThat(opened.succeeded()).isEqualTo(CONNECTIONS);
                    Await.until(Duration.ofSeconds(30), "all listed in gamma_players",
                            () -> players(api) == CONNECTIONS);

                    long healthMillis = millis(() -> assertThat(api.get("/health").status()).isEqualTo(200));
                    long[] listed = new long[1];
                    long listMillis = millis(() -> listed[0] = api.get("/api/players").array().size());
                    assertThat(listed[0]).isEqualTo(CONNECTIONS);
                    assertThat(Duration.ofMillis(Math.max(healthMillis, listMillis))).isLessThan(ADMIN_BOUND);
                    long rssHeld = node.residentKiB();
                    long heapHeld = node.heapAfterGcKiB();
                    long filesHeld = node.openFiles();
                    System.out.printf("held connections: %d logins in %d ms (%.0f/s, %d in flight), node CPU %d ms"
                            + " (%.2f ms per login); node RSS %d -> %d MiB (%.1f KiB per connection), heap after GC"
                            + " %d -> %d MiB (%.1f KiB per connection); node fds %d -> %d; /health %d ms,"
                            + " /api/players (%d entries) %d ms%n", CONNECTIONS, opened.took().toMillis(),
                            CONNECTIONS * 1e9 / opened.took().toNanos(), IN_FLIGHT, loginCpu,
                            loginCpu / (double) CONNECTIONS, rssBefore / 1024, rssHeld / 1024,
                            (rssHeld - rssBefore) / (double) CONNECTIONS, heapBefore / 1024, heapHeld / 1024,
                            (heapHeld - heapBefore) / (double) CONNECTIONS, filesBefore, filesHeld, healthMillis,
                            listed[0], listMillis);
                    // a relayed session keeps no Vert.x socket (about 5 KiB each with its queues): the live heap shows it
                    assertThat((heapHeld - heapBefore) / (double) CONNECTIONS)
                            .as("live heap per held connection, KiB").isLessThan(8.0);

                    long closing = System.nanoTime();
                    clients.closeAll();
                    Await.until(Duration.ofSeconds(60), "every player gone", () -> players(api) == 0
                            && api.get("/api/players").array().isEmpty());
                    System.out.printf("held connections: all %d gone from the node's list %d ms after the clients"
                            + " closed%n", CONNECTIONS, (System.nanoTime() - closing) / 1_000_000);
                }
                Await.until(Duration.ofSeconds(30), "the backend's sides closed", () -> backend.open() == 0);
                Await.until(Duration.ofSeconds(10), "one connection line each", () -> node.lines().stream()
                        .filter(l -> l.contains(" routed client=127.0.0.1 host=held.test ")).count() == CONNECTIONS);
                assertThat(node.lines()).as("no stack traces").noneMatch(l -> l.startsWith("\tat ")
                        || l.contains("Exception"));
                assertThat(node.stop(Duration.ofSeconds(20))).isZero();
            }
        }
    }

    private static double players(AdminClient api) {
        double value = MetricsTest.value(api.get("/metrics").body(), "gamma_players{route=\"held.test\"}");
        return Math.max(value, 0); // the row disappears when no one is on the route
    }

    private static long millis(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** This JVM's soft open-file limit, from /proc. */
    static long openFileLimit() {
        try {
            Matcher limit = Pattern.compile("Max open files\\s+(\\d+)")
                    .matcher(Files.readString(Path.of("/proc/self/limits")));
            return limit.find() ? Long.parseLong(limit.group(1)) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
