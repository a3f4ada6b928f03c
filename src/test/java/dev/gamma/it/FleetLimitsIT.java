package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cli.LocalCluster;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.relay.RateLimiter;
import dev.gamma.testkit.Await;
import dev.gamma.testkit.LoopbackPorts;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real node JVMs on loopback share the per-IP budget and anti-bot mode through their reports: a client rotating
 * over the nodes gets one node's budget, and a player asked to reconnect on one node gets in through another.
 * Different clients are different 127.x.y.z source addresses.
 */
class FleetLimitsIT {
    private static final String TOKEN = "fleet-limits-secret";
    private static final double RATE = 2;
    private static final int BURST = 30;
    /** Attempts a second, rotating: each node alone sees {@link #RATE} a second, all of which its bucket admits. */
    private static final int PACE = 6;
    private static final int ATTEMPTS = 84;
    private static final Duration PROPAGATION = Duration.ofSeconds(10);
    /** Reports are written every second; one that left a node is applied on the others a few ms later. */
    private static final Duration EXCHANGE = Duration.ofMillis(2_000);
    private static final String VERSION = "1.21.4";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aFloodRotatedOverThreeNodesIsAdmittedAtAboutOneNodesBudget() throws Exception {
        try (NioLoginBackend backend = new NioLoginBackend();
                ClusterProcesses cluster = startCluster("""
                        limits: {per-ip-rate: %s, per-ip-burst: %d}
                        routes:
                          - {host: flood.test, backend: 127.0.0.1:%d}
                        """.formatted(RATE, BURST, backend.port()))) {
            List<NioLogins> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    nodes.add(new NioLogins(proxy(cluster, i), "flood.test", "127.0.0.2"));
                }
                List<List<Long>> attempts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                int admitted = 0;
                long start = System.nanoTime();
                for (int i = 0; i < ATTEMPTS; i++) {
                    // paced, not waiting for a condition: the flood's shape is what the budget is computed from
                    LockSupport.parkNanos(start + i * 1_000_000_000L / PACE - System.nanoTime());
                    attempts.get(i % 3).add(System.nanoTime() - start);
                    admitted += nodes.get(i % 3).login("r" + i + "x", 1, 1, Duration.ofSeconds(10)).succeeded();
                }
                List<Long> all = attempts.stream().flatMap(List::stream).sorted().toList();
                int oneNode = admittedBy(all);
                int threeNodes = attempts.stream().mapToInt(FleetLimitsIT::admittedBy).sum();
                System.out.printf("rotated flood: %d attempts in %.1f s, %d admitted; one node's budget for them: %d,"
                        + " three separate nodes' budgets: %d%n", ATTEMPTS, all.get(all.size() - 1) / 1e9, admitted,
                        oneNode, threeNodes);
                assertThat((double) threeNodes).as("three separate budgets would let in far more")
                        .isGreaterThan(oneNode * 1.25);
                assertThat((double) admitted).as("one node's budget, within 25 %")
                        .isBetween(oneNode * 0.75, oneNode * 1.25);
            } finally {
                for (NioLogins node : nodes) {
                    node.close();
                }
            }
            for (int node = 0; node < 3; node++) {
                assertThat(cluster.output(node)).as("no stack traces").noneMatch(l -> l.startsWith("\tat "));
            }
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void antiBotModeAsksANewAddressOnceAndItsReconnectThroughAnotherNodeGetsIn() throws Exception {
        Peers.assumeAvailable();
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                NioLoginBackend pushBackend = new NioLoginBackend();
                ClusterProcesses cluster = startCluster("""
                        anti-bot: {enabled: true, trigger: 2/s, cool-down: 5s}
                        routes:
                          - {host: play.test, backend: 127.0.0.1:%d}
                          - {host: push.test, backend: 127.0.0.1:%d}
                        """.formatted(backend.port(), pushBackend.port()))) {
            AdminClient[] admins = admins(cluster);
            // a player of 127.0.3.1 plays before any flood: trusted, on every node
            login(cluster, 2, "127.0.3.1", "Regular");

            AtomicBoolean pushing = new AtomicBoolean(true);
            AtomicLong pushed = new AtomicLong();
            Future<?> pusher = threads.submit(() -> push(proxy(cluster, 0), pushing, pushed));
            try {
                for (AdminClient admin : admins) {
                    Await.until(PROPAGATION, "anti-bot mode on", () -> metric(admin, "gamma_anti_bot_active") == 1);
                }
                JsonObject status = Peers.ping("127.0.0.1", cluster.layout().proxyPort(0), "play.test", VERSION,
                        "127.0.5.1");
                assertThat(status.getJsonObject("version")).as("a server-list ping is never refused").isNotNull();

                try (ClientPeer newcomer = client(cluster, 0, "127.0.4.1", "Newcomer")) {
                    assertThat(newcomer.await("kicked", Peers.TIMEOUT).getString("reason"))
                            .contains("please reconnect to verify");
                }
                Thread.sleep(EXCHANGE.toMillis()); // one report interval and its delivery: node-2 learns it is pending
                login(cluster, 1, "127.0.4.1", "Newcomer");
                login(cluster, 1, "127.0.3.1", "Regular");
                login(cluster, 0, "127.0.3.1", "Regular");
                assertThat(metric(admins[0], "gamma_anti_bot_refused_total")).isPositive();
                assertThat(metric(admins[0], "gamma_connections_total{outcome=\"anti-bot\",route=\"play.test\"}"))
                        .isEqualTo(1);
                assertThat(metric(admins[1], "gamma_connections_total{outcome=\"anti-bot\",route=\"play.test\"}"))
                        .as("node-2 did not ask again").isEqualTo(-1);
            } finally {
                pushing.set(false);
                pusher.get(60, TimeUnit.SECONDS);
            }
            assertThat(pushed.get()).isPositive();
            for (AdminClient admin : admins) {
                Await.until(PROPAGATION.plusSeconds(5), "anti-bot mode off",
                        () -> metric(admin, "gamma_anti_bot_active") == 0);
            }
            login(cluster, 2, "127.0.6.1", "Later");
            for (int node = 0; node < 3; node++) {
                assertThat(cluster.output(node).stream().filter(l -> l.contains("anti-bot mode on:"))).hasSize(1);
                assertThat(cluster.output(node).stream().filter(l -> l.contains("anti-bot mode off:"))).hasSize(1);
                assertThat(cluster.output(node)).as("no stack traces").noneMatch(l -> l.startsWith("\tat "));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** New addresses, one login each, 5 a second into node-1, until told to stop. */
    private static Void push(InetSocketAddress node, AtomicBoolean pushing, AtomicLong pushed) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; pushing.get() && i < 1_000; i++) {
            LockSupport.parkNanos(start + i * 200_000_000L - System.nanoTime());
            try (NioLogins bot = new NioLogins(node, "push.test", "127.0.2." + (1 + i % 250))) {
                bot.login("bot" + i + "x", 1, 1, Duration.ofSeconds(10));
                pushed.incrementAndGet();
            }
        }
        return null;
    }

    private static void login(ClusterProcesses cluster, int node, String address, String name) {
        try (ClientPeer player = client(cluster, node, address, name)) {
            player.await("login", Peers.TIMEOUT);
            player.quit();
            player.await("end", Peers.TIMEOUT);
        }
    }

    private static ClientPeer client(ClusterProcesses cluster, int node, String address, String name) {
        return Peers.client(ClientOptions.of(cluster.layout().proxyPort(node), VERSION).withFakeHost("play.test")
                .withUsername(name).withLocalAddress(address));
    }

    /** What one bucket of this configuration admits of attempts at these times (nanoseconds from the start). */
    private static int admittedBy(List<Long> times) {
        AtomicLong now = new AtomicLong();
        RateLimiter bucket = new RateLimiter(RATE, BURST, now::get);
        int admitted = 0;
        for (long at : times) {
            now.set(at);
            if (bucket.check("127.0.0.2") == RateLimiter.Verdict.ADMIT) {
                admitted++;
            }
        }
        return admitted;
    }

    private static double metric(AdminClient admin, String sample) {
        return MetricsTest.value(admin.get("/metrics").body(), sample);
    }

    private static InetSocketAddress proxy(ClusterProcesses cluster, int node) {
        return new InetSocketAddress("127.0.0.1", cluster.layout().proxyPort(node));
    }

    private static AdminClient[] admins(ClusterProcesses cluster) {
        return IntStream.range(0, 3).mapToObj(i -> new AdminClient(cluster.layout().adminPort(i), TOKEN))
                .toArray(AdminClient[]::new);
    }

    /** Three nodes of {@code yaml} (plus the admin token), once each lists all three members. */
    private ClusterProcesses startCluster(String yaml) throws IOException {
        Path config = dir.resolve("fleet.yaml");
        Files.writeString(config, "admin: {token: " + TOKEN + "}\n" + yaml);
        int base = LoopbackPorts.run(9);
        LocalCluster layout = new LocalCluster(3, new LocalCluster.Ports(base, base + 3, base + 6),
                dir.resolve("nodes"));
        ClusterProcesses cluster = new ClusterProcesses(layout, config);
        try {
            cluster.startAll();
            for (AdminClient admin : admins(cluster)) {
                Await.until(PROPAGATION, "three members", () -> admin.get("/api/nodes").array().size() == 3);
            }
        } catch (IOException | RuntimeException | Error e) {
            cluster.close(); // a node that did start must not outlive the test
            throw e;
        }
        return cluster;
    }
}
