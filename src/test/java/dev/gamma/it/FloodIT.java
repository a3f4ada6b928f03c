package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cli.LocalCluster;
import dev.gamma.testkit.Await;
import dev.gamma.testkit.LoopbackPorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One address floods a node of a two-node cluster with logins while a thousand players are online through it:
 * the flood is refused at the per-IP rate, first with the rate-limited Disconnect (a log line each), then closed
 * at accept unread (a log line a second), every refusal counted; another address still gets in, and both nodes'
 * admin APIs keep answering.
 */
class FloodIT {
    private static final String TOKEN = "flood-secret";
    private static final double RATE = 5;
    private static final int BURST = 10;
    private static final int HOLDING_ADDRESSES = 100;
    private static final Duration FLOOD_FOR = Duration.ofSeconds(6);
    private static final Duration ADMIN_BOUND = Duration.ofSeconds(2);
    private static final Duration PROPAGATION = Duration.ofSeconds(10);
    private static final String TOO_FAST = "You are connecting too fast";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void floodFromOneAddressIsRateLimitedWhileOthersGetInAndBothAdminApisAnswer() throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        List<NioLogins> holders = new ArrayList<>();
        try (NioLoginBackend backend = new NioLoginBackend();
                ClusterProcesses cluster = startCluster(backend.port())) {
            AdminClient[] admins = IntStream.range(0, 2)
                    .mapToObj(i -> new AdminClient(cluster.layout().adminPort(i), TOKEN)).toArray(AdminClient[]::new);
            InetSocketAddress node1 = new InetSocketAddress("127.0.0.1", cluster.layout().proxyPort(0));

            // a thousand players online through node-1, ten per address (each address's burst)
            for (int i = 0; i < HOLDING_ADDRESSES; i++) {
                NioLogins holder = new NioLogins(node1, "flood.test", "127.1.0." + (i + 1));
                holders.add(holder);
                NioLogins.Result logins = holder.login("on" + i + "x", BURST, BURST, Duration.ofSeconds(30));
                assertThat(logins.succeeded()).as("address %d: %s", i, logins).isEqualTo(BURST);
            }
            int online = HOLDING_ADDRESSES * BURST;
            for (AdminClient admin : admins) {
                Await.until(PROPAGATION, "every player listed", () -> names(admin).size() == online);
            }

            AtomicBoolean flooding = new AtomicBoolean(true);
            Future<Flood> flood = threads.submit(() -> flood(node1, flooding));
            Future<List<Long>> probes = threads.submit(() -> probe(admins, flooding));
            Thread.sleep(FLOOD_FOR.toMillis() / 2);
            try (Socket bystander = new Socket()) {
                bystander.bind(new InetSocketAddress("127.0.0.3", 0));
                bystander.connect(node1, 5_000);
                bystander.setSoTimeout(10_000);
                LoginStream.clientLogin(bystander.getInputStream(), bystander.getOutputStream(), "flood.test",
                        "Bystander");
                Await.until(PROPAGATION, "the bystander listed on node-2",
                        () -> names(admins[1]).contains("Bystander"));
                Thread.sleep(FLOOD_FOR.toMillis() / 2);
                flooding.set(false);
            }
            Flood result = flood.get(60, TimeUnit.SECONDS);
            List<Long> latencies = probes.get(60, TimeUnit.SECONDS);

            double allowed = BURST + RATE * result.seconds() + 1;
            System.out.printf("flood: %d logins from 127.0.0.2 in %.1f s (%.0f/s): %d let in (the rate allows %.0f),"
                    + " %d refused with a Disconnect, %d closed unread; admin calls to both nodes during it: %d,"
                    + " slowest %d ms%n", result.attempts(), result.seconds(), result.attempts() / result.seconds(),
                    result.succeeded(), allowed, result.refused(), result.failed(), latencies.size(),
                    latencies.stream().mapToLong(Long::longValue).max().orElse(0));
            assertThat(result.succeeded()).isLessThanOrEqualTo((int) allowed);
            assertThat(result.reasons().keySet()).allMatch(reason -> reason.contains(TOO_FAST));
            assertThat(result.refused()).as("polite refusals: the burst, and one per repaid token")
                    .isGreaterThanOrEqualTo(BURST).isLessThanOrEqualTo((int) allowed);
            assertThat(result.failed()).as("the rest closed unread").isGreaterThan(result.attempts() / 2);
            assertThat(latencies).isNotEmpty().allMatch(millis -> millis < ADMIN_BOUND.toMillis());

            String metrics = admins[0].get("/metrics").body();
            int turnedAway = result.refused() + result.failed();
            assertThat(MetricsTest.value(metrics, "gamma_connections_total{outcome=\"rate-limited\",route=\"-\"}"))
                    .isEqualTo(turnedAway);
            Await.until(Duration.ofSeconds(10), "a rate-limited line for each polite refusal", () -> cluster
                    .output(0).stream().filter(l -> l.contains("rate-limited client=127.0.0.2 ")
                            && !l.contains("closed at accept")).count() == result.refused());
            long closeLines = cluster.output(0).stream().filter(l -> l.contains("rate-limited client=127.0.0.2 ")
                    && l.contains("closed at accept")).count();
            assertThat(closeLines).as("closes logged at most once a second").isPositive()
                    .isLessThanOrEqualTo((long) Math.ceil(result.seconds()) + 2);
            assertThat(cluster.output(0)).noneMatch(l -> l.contains("rate-limited client=127.0.0.3 "));

            for (NioLogins holder : holders) {
                holder.closeAll();
            }
            for (AdminClient admin : admins) {
                Await.until(PROPAGATION, "every player gone", () -> names(admin).isEmpty());
            }
            for (int node = 0; node < 2; node++) {
                assertThat(cluster.output(node)).as("no stack traces").noneMatch(l -> l.startsWith("\tat "));
            }
        } finally {
            for (NioLogins holder : holders) {
                holder.close();
            }
            threads.shutdownNow();
        }
    }

    /** Login attempts from 127.0.0.2, batch after batch, until told to stop. */
    private record Flood(int attempts, int succeeded, int refused, int failed, Map<String, Integer> reasons,
            double seconds) {}

    private static Flood flood(InetSocketAddress node, AtomicBoolean flooding) throws IOException {
        long started = System.nanoTime();
        int attempts = 0;
        int succeeded = 0;
        int failed = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        try (NioLogins flood = new NioLogins(node, "flood.test", "127.0.0.2")) {
            for (int batch = 0; flooding.get(); batch++) {
                NioLogins.Result result = flood.login("fl" + batch + "x", 200, 200, Duration.ofSeconds(30));
                attempts += 200;
                succeeded += result.succeeded();
                failed += result.failed();
                result.refused().forEach((reason, n) -> reasons.merge(reason, n, Integer::sum));
            }
        }
        int refused = reasons.values().stream().mapToInt(Integer::intValue).sum();
        return new Flood(attempts, succeeded, refused, failed, reasons, (System.nanoTime() - started) / 1e9);
    }

    /** Calls both admin APIs over and over while the flood lasts; answers how long each call took. */
    private static List<Long> probe(AdminClient[] admins, AtomicBoolean flooding) throws InterruptedException {
        List<Long> millis = new ArrayList<>();
        while (flooding.get()) {
            for (AdminClient admin : admins) {
                for (String path : List.of("/health", "/api/players", "/api/nodes")) {
                    long started = System.nanoTime();
                    assertThat(admin.get(path).status()).as(path).isEqualTo(200);
                    millis.add((System.nanoTime() - started) / 1_000_000);
                }
            }
            Thread.sleep(100);
        }
        return millis;
    }

    private static List<String> names(AdminClient admin) {
        JsonArray players = admin.get("/api/players").array();
        return players.stream().map(p -> ((JsonObject) p).getString("name")).toList();
    }

    private ClusterProcesses startCluster(int backendPort) throws IOException {
        Path config = dir.resolve("flood.yaml");
        Files.writeString(config, """
                admin: {token: %s}
                limits: {per-ip-rate: %s, per-ip-burst: %d}
                routes:
                  - {host: flood.test, backend: 127.0.0.1:%d}
                """.formatted(TOKEN, RATE, BURST, backendPort));
        int base = LoopbackPorts.run(6);
        LocalCluster layout = new LocalCluster(2, new LocalCluster.Ports(base, base + 2, base + 4),
                dir.resolve("nodes"));
        ClusterProcesses cluster = new ClusterProcesses(layout, config);
        try {
            cluster.startAll();
        } catch (IOException | RuntimeException | Error e) {
            cluster.close(); // a node that did start must not outlive the test
            throw e;
        }
        return cluster;
    }
}
