package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.ClusterBootstrap;
import dev.gamma.cluster.ClusterNode;
import dev.gamma.cluster.SharedTable;
import dev.gamma.config.ConfigLoader;
import dev.gamma.config.GammaConfig;
import dev.gamma.it.GammaFixture;
import dev.gamma.it.RawClient;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.Peers;
import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.StatusPackets;
import dev.gamma.testkit.Await;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clustered nodes in one JVM answer a steady stream of server-list pings for the same route and version, and
 * the backend behind them, which counts the pings it gets, is asked about once per TTL in all, not once per node;
 * when the node in charge of the key leaves, the two others still refresh it about once per TTL.
 */
class FleetStatusTest {
    private static final String SECRET = "a-fleet-status-test-cluster-secret-0123456789";
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final long TTL_MILLIS = 1_000;
    private static final int PROTOCOL = 769;
    /** About twenty rounds of three pings per TTL, for at least four TTLs. */
    private static final long PACE_MILLIS = TTL_MILLIS / 20;
    private static final int MIN_ROUNDS = 20;
    private static final int MAX_ROUNDS = 400;

    @TempDir
    Path dir;

    @Test
    void threeNodesPingTheBackendAboutOncePerTtlInAllAndTwoDoAfterTheOwnerLeft() throws Exception {
        Peers.assumeAvailable();
        int[] ports = {GammaFixture.freePort(), GammaFixture.freePort(), GammaFixture.freePort()};
        List<ClusterNode> members = new ArrayList<>();
        try (BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion().withMotd("Counted"))) {
            List<Integer> proxyPorts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path file = nodeFile(i, ports, backend.port());
                ClusterNode member = bootstrap(file);
                members.add(member);
                GammaVerticle verticle = new GammaVerticle(file, member).withEnvironment(Map.of());
                Await.await(member.vertx().deployVerticle(verticle));
                proxyPorts.add(verticle.node().proxyPort());
            }
            for (ClusterNode member : members) {
                Await.until(WAIT, "every node lists three", () -> member.crosstalk().nodes().nodes().size() == 3);
            }

            long start = System.nanoTime();
            assertThat(status(proxyPorts.get(0))).contains("Counted");
            for (ClusterNode member : members) {
                Await.until(WAIT, "the first answer shared", () -> !member.crosstalk().table(SharedTable.Name.STATUS)
                        .entries().isEmpty());
            }
            int asked = 1 + steadyPings(proxyPorts, start);
            long ttls = millisSince(start) / TTL_MILLIS;
            List<JsonObject> pings = pingsUntilMarker(backend, "first.marker");
            assertThat(pings).as("backend pings for %d pings through 3 nodes in %d TTLs", asked, ttls)
                    .hasSizeLessThanOrEqualTo((int) ttls + 2);

            // the node in charge of the key leaves: one of the others takes over, and no one pings more
            String key = members.get(0).crosstalk().table(SharedTable.Name.STATUS).entries().keySet().iterator().next();
            String owner = members.get(0).crosstalk().nodes().ownerOf(key);
            int gone = IntStream.range(0, 3).filter(i -> members.get(i).crosstalk().nodes().selfId().equals(owner))
                    .findFirst().orElseThrow();
            Await.await(members.remove(gone).close());
            proxyPorts.remove(gone);
            long afterStart = System.nanoTime();
            int askedAfter = steadyPings(proxyPorts, afterStart);
            long ttlsAfter = millisSince(afterStart) / TTL_MILLIS;
            List<JsonObject> all = pingsUntilMarker(backend, "second.marker");
            List<JsonObject> after = all.subList(pings.size(), all.size());
            assertThat(after).as("backend pings for %d pings through the 2 left in %d TTLs", askedAfter, ttlsAfter)
                    .isNotEmpty().hasSizeLessThanOrEqualTo((int) ttlsAfter + 2);

            // and real clients asking the nodes see the backend's answer
            for (int port : proxyPorts) {
                JsonObject seen = Peers.ping("127.0.0.1", port, "status.test", "1.21.4");
                assertThat(seen.encode()).as("a real client through %d", port).contains("Counted");
            }
        } finally {
            for (ClusterNode member : members) {
                Await.await(member.close());
            }
        }
    }

    /** Rounds of one ping through each node, steady, for at least four TTLs from {@code start}: how many were sent. */
    private static int steadyPings(List<Integer> proxyPorts, long start) throws Exception {
        int asked = 0;
        for (int round = 0; round < MAX_ROUNDS && (round < MIN_ROUNDS || millisSince(start) < 4 * TTL_MILLIS);
                round++) {
            long roundStart = System.nanoTime();
            for (int port : proxyPorts) {
                assertThat(status(port)).as("answer %d, node on %d", asked, port).contains("Counted");
                asked++;
            }
            long rest = PACE_MILLIS - millisSince(roundStart);
            if (rest > 0) {
                Thread.sleep(rest); // a steady stream, not a flood
            }
        }
        return asked;
    }

    /**
     * The backend's status pings for the route so far. The backend reports in order, so once a marker ping sent
     * straight to it is in, every earlier one is counted.
     */
    private static List<JsonObject> pingsUntilMarker(BackendPeer backend, String marker) {
        if (backend.events().stream().noneMatch(e -> marker.equals(e.getString("host")))) {
            Peers.ping("127.0.0.1", backend.port(), marker, "1.21.4");
            backend.await(e -> "ping".equals(e.getString("event")) && marker.equals(e.getString("host")),
                    "the marker ping", WAIT);
        }
        List<JsonObject> pings = new ArrayList<>();
        for (JsonObject event : backend.events()) {
            if (marker.equals(event.getString("host"))) {
                break;
            }
            if ("ping".equals(event.getString("event")) && "status.test".equals(event.getString("host"))) {
                pings.add(event);
            }
        }
        return pings;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String status(int port) throws IOException {
        try (RawClient client = RawClient.connect(port)) {
            client.send(RawClient.concat(new Handshake(PROTOCOL, "status.test", port, Handshake.STATUS).encode(),
                    StatusPackets.requestFrame()));
            return StatusPackets.readResponse(client.readFrame());
        }
    }

    private Path nodeFile(int index, int[] ports, int backendPort) throws IOException {
        return Files.writeString(dir.resolve("node" + index + ".yaml"), """
                bind: 127.0.0.1:0
                admin: {bind: 127.0.0.1:0}
                data-dir: %s
                limits: {per-ip-rate: 100000, per-ip-burst: 100000, max-greeting-per-ip: 64}
                cluster:
                  enabled: true
                  name: fleet-status-test
                  bind: 127.0.0.1:%d
                  members: [127.0.0.1:%d, 127.0.0.1:%d, 127.0.0.1:%d]
                  node-timeout: 2s
                  event-bus: 127.0.0.1:0
                  secret: %s
                routes:
                  - host: status.test
                    backend: 127.0.0.1:%d
                    status: {cache-ttl: %dms}
                """.formatted(dir.resolve("data" + index), ports[index], ports[0], ports[1], ports[2], SECRET,
                backendPort, TTL_MILLIS));
    }

    private static ClusterNode bootstrap(Path file) {
        Vertx loader = Vertx.vertx();
        GammaConfig config;
        try {
            config = Await.await(new ConfigLoader(loader, file, Map.of()).load());
        } finally {
            Await.await(loader.close());
        }
        return Await.await(ClusterBootstrap.start(config, new VertxOptions()));
    }
}
