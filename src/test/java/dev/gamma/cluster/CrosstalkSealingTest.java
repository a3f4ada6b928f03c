package dev.gamma.cluster;

import static dev.gamma.cluster.ClusterFixture.apiRoute;
import static dev.gamma.cluster.ClusterFixture.config;
import static dev.gamma.cluster.ClusterFixture.fileRoute;
import static dev.gamma.cluster.ClusterFixture.player;
import static dev.gamma.testkit.Await.await;
import static dev.gamma.testkit.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastJsonValue;
import dev.gamma.route.RouteJson;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    static String name;
    static List<Integer> ports;

    @BeforeAll
    static void start() {
        name = "sealed-" + UUID.randomUUID();
        ports = ClusterFixture.freePorts(4);
        List<Integer> members = ports.subList(0, 2);
        CompletableFuture<ClusterNode> first = CompletableFuture.supplyAsync(() -> ClusterFixture.start(
                config(name, ports.get(0), members, dir.resolve("a")), List.of(fileRoute("file.example.com", "f:1"))));
        CompletableFuture<ClusterNode> second = CompletableFuture.supplyAsync(() -> ClusterFixture.start(
                config(name, ports.get(1), members, dir.resolve("b")), List.of()));
        a = first.join();
        b = second.join();
        eventually(Duration.ofSeconds(30), () -> assertThat(a.crosstalk().nodes().nodes()).hasSize(2));
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
        await(Future.join(List.of(a.close(), b.close())));
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
                PLAY.toJson().put("route", RouteJson.encode(PLAY.route()).put("backends", List.of("6.6.6.6:25565"))).encode()));
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
                .get("rollback.example.com").route().backends().get(0).toString()).isEqualTo("10.0.0.5:25565"));
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
            assertThat(players.keySet()).contains(selfA() + "-1");
        });
        // the old entry may stay in the map, refused by every node
        assertThat(b.crosstalk().players().named("Alex")).isEmpty();
        assertThat(a.crosstalk().players().named("Alex")).isEmpty();
        players.delete(gone.id());
    }

    @Test
    @Order(8)
    void aStrangerClaimingALiveNodesIdAndLeavingRemovesNothing() {
        eventually(Duration.ofSeconds(5), () -> assertThat(b.crosstalk().players().named("Steve")).hasSize(1));
        for (String claim : List.of(selfA(), "%")) {
            RogueMember impostor = new RogueMember(name, ports.get(3), ports.subList(0, 2), claim);
            eventually(Duration.ofSeconds(30), () -> assertThat(impostor.members()).isEqualTo(4));
            impostor.close();
        }
        // the departures are handled at once; give a sweep the time to act on them too
        eventually(Duration.ofSeconds(12), () -> assertThat(rogue.members()).isEqualTo(3));
        sleep(6_000);
        for (ClusterNode node : List.of(a, b)) {
            assertThat(node.crosstalk().players().named("Steve")).hasSize(1);
            assertThat(node.crosstalk().nodes().nodes()).extracting(NodeInfo::id).contains(selfA());
        }
    }

    @Test
    @Order(9)
    void anOldPlayerEntryPutBackOverAndOverIsNeverListed() throws Exception {
        var players = rogue.map(HazelcastPlayerRegistry.MAP);
        PlayerEntry ghost = player(selfA() + "-9", "Ghost", selfA());
        await(a.crosstalk().players().put(ghost));
        eventually(Duration.ofSeconds(5), () -> assertThat(players.get(ghost.id())).isNotNull());
        byte[] captured = (byte[]) players.get(ghost.id());
        await(a.crosstalk().players().remove(ghost.id()));
        eventually(Duration.ofSeconds(5), () -> assertThat(b.crosstalk().players().named("Ghost")).isEmpty());
        ClusterRejections rejections = b.crosstalk().rejections();
        for (int replay = 0; replay < 5; replay++) {
            long before = rejections.count(ClusterRejections.Kind.PLAYER);
            players.put(ghost.id(), captured);
            // B has read the replay once it has refused it: only then is its absence from the list telling
            eventually(Duration.ofSeconds(5), () -> assertThat(rejections.count(ClusterRejections.Kind.PLAYER))
                    .isGreaterThan(before));
            assertThat(b.crosstalk().players().named("Ghost")).as("the replayed entry").isEmpty();
            players.delete(ghost.id());
        }
    }

    @Test
    @Order(10)
    void anObjectGraphBombIsNeverDeserializedAndTheMirrorKeepsWorking() {
        Set<Object> root = new HashSet<>();
        Set<Object> left = root;
        Set<Object> right = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> nextLeft = new HashSet<>();
            Set<Object> nextRight = new HashSet<>();
            left.add(nextLeft);
            left.add(nextRight);
            right.add(nextLeft);
            right.add(nextRight);
            left = nextLeft;
            right = nextRight;
        }
        rogue.map(HazelcastRouteStore.MAP).put("bomb.example.com", root);
        rogue.map(HazelcastPlayerRegistry.MAP).put("bomb", root);
        SharedRoute after = apiRoute("after.example.com", "10.0.0.7:25565", 5_000);
        await(a.crosstalk().routes().put(after));
        eventually(Duration.ofSeconds(5), () -> assertThat(b.crosstalk().routes().snapshot())
                .containsEntry("after.example.com", after).doesNotContainKey("bomb.example.com"));
        rogue.map(HazelcastRouteStore.MAP).delete("bomb.example.com");
        rogue.map(HazelcastPlayerRegistry.MAP).delete("bomb");
    }

    @Test
    @Order(11)
    void aStrangerDeletingTombstonesCannotKeepADeletedRoute() throws Exception {
        SharedRoute doomed = apiRoute("doomed.example.com", "10.0.0.8:25565", 6_000);
        await(a.crosstalk().routes().put(doomed));
        eventually(Duration.ofSeconds(5), () -> assertThat(b.crosstalk().routes().snapshot())
                .containsKey("doomed.example.com"));
        var tombstones = rogue.map(HazelcastRouteStore.TOMBSTONES);
        java.util.concurrent.atomic.AtomicBoolean deleting = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread vandal = new Thread(() -> {
            while (deleting.get()) {
                tombstones.delete("doomed.example.com");
            }
        });
        vandal.start();
        try {
            assertThat(await(b.crosstalk().routes().remove("doomed.example.com"))).isTrue();
            Thread.sleep(1_000);
        } finally {
            deleting.set(false);
            vandal.join();
        }
        eventually(REPAIRED, () -> {
            for (ClusterNode node : List.of(a, b)) {
                assertThat(node.crosstalk().routes().snapshot()).doesNotContainKey("doomed.example.com");
            }
        });
    }

    @Test
    @Order(12)
    void aPutAfterADeletionStampedByAFastClockStillStands() {
        SharedRoute early = apiRoute("skew.example.com", "10.0.0.9:25565", 7_000);
        await(a.crosstalk().routes().put(early));
        eventually(Duration.ofSeconds(5), () -> assertThat(b.crosstalk().routes().snapshot())
                .containsKey("skew.example.com"));
        assertThat(await(a.crosstalk().routes().remove("skew.example.com"))).isTrue();
        long deletedAt = (Long) eventuallyValue(() -> ((HazelcastRouteStore) b.crosstalk().routes())
                .deletionOf("skew.example.com"));
        // a node whose clock is behind the deleting node's puts the host again
        SharedRoute behind = apiRoute("skew.example.com", "10.0.0.10:25565", deletedAt - 60_000);
        await(b.crosstalk().routes().put(behind));
        for (ClusterNode node : List.of(a, b)) {
            eventually(Duration.ofSeconds(5), () -> {
                SharedRoute now = node.crosstalk().routes().snapshot().get("skew.example.com");
                assertThat(now).isNotNull();
                assertThat(now.updatedAt()).isGreaterThan(deletedAt);
            });
        }
    }

    /**
     * A stranger who replays an old value of a route and deletes a route, over and over, changes nothing, and no
     * node publishes its route table again for it: each publish rebuilds the lookup table, forgets every cached
     * server-list answer and saves the data-dir's file.
     */
    @Test
    @Order(13)
    void refusedRouteEventsPublishNoTable() {
        var routes = rogue.map(HazelcastRouteStore.MAP);
        await(a.crosstalk().routes().put(apiRoute("replay.example.com", "10.0.0.11:25565", 8_000)));
        eventually(Duration.ofSeconds(5), () -> assertThat(routes.get("replay.example.com")).isNotNull());
        byte[] captured = (byte[]) routes.get("replay.example.com");
        SharedRoute current = apiRoute("replay.example.com", "10.0.0.12:25565", 9_000);
        await(a.crosstalk().routes().put(current));
        eventually(Duration.ofSeconds(5), () -> assertThat(b.crosstalk().routes().snapshot())
                .containsEntry("replay.example.com", current));
        java.util.concurrent.atomic.AtomicInteger publishes = new java.util.concurrent.atomic.AtomicInteger();
        b.crosstalk().routes().onChange(table -> publishes.incrementAndGet());
        long refusedBefore = b.crosstalk().rejections().count(ClusterRejections.Kind.ROUTE);

        for (int i = 0; i < 200; i++) {
            routes.put("replay.example.com", captured);
            routes.delete("play.example.com");
        }

        eventually(Duration.ofSeconds(10), () -> assertThat(b.crosstalk().rejections()
                .count(ClusterRejections.Kind.ROUTE)).isGreaterThanOrEqualTo(refusedBefore + 200));
        eventually(REPAIRED, () -> assertThat(routes.get("play.example.com")).isInstanceOf(byte[].class));
        eventually(REPAIRED, () -> assertThat(routes.get("replay.example.com")).isNotEqualTo(captured));
        assertThat(b.crosstalk().routes().snapshot()).containsEntry("replay.example.com", current)
                .containsEntry("play.example.com", PLAY);
        assertThat(publishes).as("route tables published by node b").hasValue(0);
    }

    private static Object eventuallyValue(java.util.function.Supplier<Object> probe) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            Object value = probe.get();
            if (value != null) {
                return value;
            }
            sleep(20);
        }
        throw new AssertionError("no value within 5 s");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
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
