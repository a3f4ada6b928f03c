package dev.gamma.cluster;

import static dev.gamma.cluster.ClusterFixture.apiRoute;
import static dev.gamma.cluster.ClusterFixture.await;
import static dev.gamma.cluster.ClusterFixture.config;
import static dev.gamma.cluster.ClusterFixture.eventually;
import static dev.gamma.cluster.ClusterFixture.fileRoute;
import static dev.gamma.cluster.ClusterFixture.player;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastJsonValue;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two members with the secret and a stranger that joined with only the cluster's name: the stranger reads no
 * player, and nothing it writes or deletes changes what the members use; they put the good values back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrosstalkSealingTest {
    /** The sweep that repairs runs every 5 s. */
    private static final Duration REPAIRED = Duration.ofSeconds(15);
    private static final SharedRoute PLAY = apiRoute("play.example.com", "10.0.0.1:25565", 1_000);

    @TempDir
    static Path dir;

    static ClusterNode a;
    static ClusterNode b;
    static RogueMember rogue;

    @BeforeAll
    static void start() {
        String name = "sealed-" + UUID.randomUUID();
        List<Integer> ports = ClusterFixture.freePorts(3);
        List<Integer> members = ports.subList(0, 2);
        CompletableFuture<ClusterNode> first = CompletableFuture.supplyAsync(() -> ClusterFixture.start(
                config(name, ports.get(0), members, dir.resolve("a")), List.of(fileRoute("file.example.com", "f:1"))));
        CompletableFuture<ClusterNode> second = CompletableFuture.supplyAsync(() -> ClusterFixture.start(
                config(name, ports.get(1), members, dir.resolve("b")), List.of()));
        a = first.join();
        b = second.join();
        eventually(Duration.ofSeconds(30), () -> assertThat(a.crosstalk().nodes().nodes()).hasSize(1));
        await(a.crosstalk().announce(new NodeInfo(selfA(), "127.0.0.1:25565", "127.0.0.1:8080", 1)));
        await(b.crosstalk().announce(new NodeInfo(b.crosstalk().nodes().selfId(), "127.0.0.1:25566",
                "127.0.0.1:8081", 1)));
        await(a.crosstalk().routes().put(PLAY));
        await(a.crosstalk().players().put(player(selfA() + "-1", "Steve", selfA())));
        rogue = new RogueMember(name, ports.get(2), members);
        eventually(Duration.ofSeconds(30), () -> assertThat(rogue.members()).isEqualTo(3));
        eventually(Duration.ofSeconds(5), () -> assertThat(b.crosstalk().players().named("Steve")).hasSize(1));
    }

    @AfterAll
    static void stop() {
        rogue.close();
        await(Future.join(List.of(a.crosstalk().leave(), b.crosstalk().leave())));
    }

    private static String selfA() {
        return a.crosstalk().nodes().selfId();
    }

    @Test
    @Order(1)
    void aStrangerReadsNoNameNoAddressAndNoRoute() {
        for (String map : List.of(HazelcastPlayerRegistry.MAP, HazelcastNodeDirectory.MAP, HazelcastRouteStore.MAP)) {
            Map<Object, Object> entries = Map.copyOf(rogue.map(map));
            assertThat(entries).as(map).isNotEmpty();
            entries.forEach((key, value) -> {
                assertThat(value).as("%s value", map).isInstanceOf(byte[].class);
                String text = key + " " + new String((byte[]) value, StandardCharsets.ISO_8859_1);
                assertThat(text).as(map).doesNotContain("Steve", "203.0.113.9", "10.0.0.1", "backend", "127.0.0.1");
            });
        }
        assertThat(rogue.map(HazelcastPlayerRegistry.MAP).keySet()).containsExactly(selfA() + "-1");
    }

    @Test
    @Order(2)
    void forgedRoutesOfEveryShapeAreIgnoredCountedAndRepaired() {
        byte[] moved = (byte[]) rogue.map(HazelcastRouteStore.MAP).get("file.example.com");
        var routes = rogue.map(HazelcastRouteStore.MAP);
        routes.put("play.example.com", new HazelcastJsonValue(
                PLAY.toJson().put("route", PLAY.route().copy().put("backend", "6.6.6.6:25565")).encode()));
        routes.put("new.example.com", "{\"host\":\"new.example.com\",\"route\":{\"backend\":\"6.6.6.6:1\"}}");
        routes.put("moved.example.com", moved);
        routes.put("date.example.com", new SimpleDateFormat()); // a class the deserialization filter refuses
        for (ClusterNode node : List.of(a, b)) {
            eventually(Duration.ofSeconds(5), () -> assertThat(
                    node.crosstalk().rejections().count(ClusterRejections.Kind.ROUTE)).isGreaterThanOrEqualTo(4));
            assertThat(node.crosstalk().routes().snapshot()).containsOnlyKeys("play.example.com", "file.example.com")
                    .containsEntry("play.example.com", PLAY);
        }
        eventually(REPAIRED, () -> assertThat(a.crosstalk().routes().snapshot().get("play.example.com"))
                .isEqualTo(PLAY));
        eventually(REPAIRED, () -> assertThat(rogue.map(HazelcastRouteStore.MAP).get("play.example.com"))
                .isInstanceOf(byte[].class));
    }

    @Test
    @Order(3)
    void aRouteDeletedByAStrangerStaysAndIsPutBack() {
        rogue.map(HazelcastRouteStore.MAP).delete("play.example.com");
        eventually(REPAIRED, () -> assertThat(rogue.map(HazelcastRouteStore.MAP).get("play.example.com"))
                .isInstanceOf(byte[].class));
        for (ClusterNode node : List.of(a, b)) {
            assertThat(node.crosstalk().routes().snapshot()).containsEntry("play.example.com", PLAY);
        }
    }

    @Test
    @Order(5)
    void nothingForgedReachesADataDir() throws Exception {
        for (String node : List.of("a", "b")) {
            Path saved = dir.resolve(node).resolve(RoutePersistence.FILE);
            eventually(Duration.ofSeconds(5), () -> assertThat(saved).exists());
            assertThat(Files.readString(saved)).contains("play.example.com", "10.0.0.1:25565")
                    .doesNotContain("6.6.6.6", "new.example.com", "moved.example.com", "date.example.com");
        }
    }

    @Test
    @Order(4)
    void anOlderGenuineRoutePutBackIsRefused() {
        var routes = rogue.map(HazelcastRouteStore.MAP);
        SharedRoute older = apiRoute("rollback.example.com", "10.0.0.3:25565", 3_000);
        SharedRoute newer = apiRoute("rollback.example.com", "10.0.0.4:25565", 4_000);
        await(a.crosstalk().routes().put(older));
        eventually(Duration.ofSeconds(5), () -> assertThat(routes.get("rollback.example.com")).isNotNull());
        byte[] captured = (byte[]) routes.get("rollback.example.com");
        await(a.crosstalk().routes().put(newer));
        eventually(Duration.ofSeconds(5), () -> assertThat(b.crosstalk().routes().snapshot())
                .containsEntry("rollback.example.com", newer));
        routes.put("rollback.example.com", captured);
        eventually(REPAIRED, () -> assertThat(routes.get("rollback.example.com")).isNotEqualTo(captured));
        for (ClusterNode node : List.of(a, b)) {
            assertThat(node.crosstalk().routes().snapshot()).containsEntry("rollback.example.com", newer);
        }
        // and a node whose clock is behind still moves a route forward
        await(b.crosstalk().routes().put(apiRoute("rollback.example.com", "10.0.0.5:25565", 1)));
        eventually(Duration.ofSeconds(5), () -> assertThat(a.crosstalk().routes().snapshot()
                .get("rollback.example.com").route().getString("backend")).isEqualTo("10.0.0.5:25565"));
    }

    @Test
    @Order(6)
    void aDeletedPlayerIsPutBackAndAReplayedOldOneIsRemoved() {
        var players = rogue.map(HazelcastPlayerRegistry.MAP);
        PlayerEntry gone = player(selfA() + "-2", "Alex", selfA());
        await(a.crosstalk().players().put(gone));
        eventually(Duration.ofSeconds(5), () -> assertThat(players.get(gone.id())).isNotNull());
        byte[] captured = (byte[]) players.get(gone.id());
        await(a.crosstalk().players().remove(gone.id()));
        players.delete(selfA() + "-1");
        players.put(gone.id(), captured);
        eventually(REPAIRED, () -> {
            assertThat(b.crosstalk().players().named("Steve")).hasSize(1);
            assertThat(b.crosstalk().players().named("Alex")).isEmpty();
            assertThat(players.keySet()).containsExactly(selfA() + "-1");
        });
    }

    @Test
    @Order(7)
    void aGenuineRemovalStillWorksAndItsTombstoneIsKept() {
        SharedRoute temporary = apiRoute("temp.example.com", "10.0.0.2:25565", 2_000);
        await(b.crosstalk().routes().put(temporary));
        eventually(Duration.ofSeconds(5), () -> assertThat(a.crosstalk().routes().snapshot()).containsKey("temp.example.com"));
        assertThat(await(b.crosstalk().routes().remove("temp.example.com"))).isTrue();
        eventually(Duration.ofSeconds(5), () -> assertThat(a.crosstalk().routes().snapshot())
                .doesNotContainKey("temp.example.com"));
        rogue.map(HazelcastRouteStore.TOMBSTONES).delete("temp.example.com");
        eventually(REPAIRED, () -> assertThat(rogue.map(HazelcastRouteStore.TOMBSTONES).get("temp.example.com"))
                .isInstanceOf(byte[].class));
        assertThat(a.crosstalk().routes().snapshot()).doesNotContainKey("temp.example.com");
    }
}
