package dev.gamma.cluster;

import static dev.gamma.cluster.ClusterFixture.config;
import static dev.gamma.testkit.Await.await;
import static dev.gamma.testkit.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small shared tables and the action claims between two members, with a stranger member writing into them. */
class SharedTableTest {
    @TempDir
    static Path dir;

    static ClusterNode a;
    static ClusterNode b;
    static RogueMember rogue;

    @BeforeAll
    static void start() {
        String name = "tables-" + UUID.randomUUID();
        List<Integer> ports = ClusterFixture.freePorts(3);
        List<Integer> members = ports.subList(0, 2);
        CompletableFuture<ClusterNode> first = CompletableFuture.supplyAsync(() -> ClusterFixture.start(
                config(name, ports.get(0), members, dir.resolve("a")), List.of()));
        CompletableFuture<ClusterNode> second = CompletableFuture.supplyAsync(() -> ClusterFixture.start(
                config(name, ports.get(1), members, dir.resolve("b")), List.of()));
        a = first.join();
        b = second.join();
        eventually(Duration.ofSeconds(30), () -> assertThat(a.crosstalk().nodes().nodes()).hasSize(2));
        eventually(Duration.ofSeconds(30), () -> assertThat(b.crosstalk().nodes().nodes()).hasSize(2));
        rogue = new RogueMember(name, ports.get(2), members);
        eventually(Duration.ofSeconds(30), () -> assertThat(rogue.members()).isEqualTo(3));
    }

    @AfterAll
    static void stop() {
        rogue.close();
        await(Future.join(List.of(a.close(), b.close())));
    }

    private static SharedTable status(ClusterNode node) {
        return node.crosstalk().table(SharedTable.Name.STATUS);
    }

    /**
     * Two writers of one key on one node at once (a failed login and the health checker, say) take their turns:
     * after each pair of writes, every node ends with the same one.
     */
    @Test
    void writesOfOneKeyFromTwoThreadsAtOnceLeaveEveryNodeWithTheSameValue() throws Exception {
        SharedTable here = a.crosstalk().table(SharedTable.Name.HEALTH);
        SharedTable there = b.crosstalk().table(SharedTable.Name.HEALTH);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        for (int round = 0; round < 100; round++) { // the two meet in the same instant in some rounds only
            List<Thread> writers = new java.util.ArrayList<>();
            for (int w = 0; w < 2; w++) {
                JsonObject value = new JsonObject().put("round", round).put("writer", w);
                writers.add(new Thread(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    here.put("10.0.0.77:25565", value);
                }));
            }
            writers.forEach(Thread::start);
            for (Thread writer : writers) {
                writer.join();
            }
            int written = round;
            eventually(Duration.ofSeconds(5), () -> {
                JsonObject seen = there.get("10.0.0.77:25565");
                assertThat(seen).isNotNull();
                assertThat(seen.getInteger("round")).isEqualTo(written);
                assertThat(seen).isEqualTo(here.get("10.0.0.77:25565"));
            });
        }
    }

    @Test
    void aValueWrittenOnOneNodeIsReadOnTheOtherAndToldToItsListener() {
        List<String> told = new CopyOnWriteArrayList<>();
        status(b).onChange((key, value) -> told.add(key + "=" + (value == null ? null : value.getString("motd"))));
        status(a).put("lobby|one", new JsonObject().put("motd", "first"));
        assertThat(status(a).get("lobby|one").getString("motd")).as("the writer's copy at once").isEqualTo("first");
        eventually(Duration.ofSeconds(5), () -> assertThat(status(b).get("lobby|one")).isNotNull());
        status(b).put("lobby|one", new JsonObject().put("motd", "second"));
        eventually(Duration.ofSeconds(5), () -> assertThat(status(a).get("lobby|one").getString("motd"))
                .isEqualTo("second"));
        assertThat(status(a).writtenAt("lobby|one")).isEqualTo(status(b).writtenAt("lobby|one"));
        assertThat(told).contains("lobby|one=first", "lobby|one=second");
        assertThat(status(b).entries()).containsKey("lobby|one");
    }

    @Test
    void bothNodesNameTheSameOwnerForEveryKeyAndShareTheWork() {
        List<String> owners = IntStream.range(0, 200).mapToObj(i -> a.crosstalk().nodes().ownerOf("key-" + i))
                .toList();
        List<String> seenFromB = IntStream.range(0, 200).mapToObj(i -> b.crosstalk().nodes().ownerOf("key-" + i))
                .toList();
        assertThat(seenFromB).isEqualTo(owners);
        String idA = a.crosstalk().nodes().selfId();
        long ownedByA = owners.stream().filter(idA::equals).count();
        assertThat(ownedByA).as("keys owned by each of two nodes").isBetween(60L, 140L);
    }

    @Test
    void whatAStrangerWritesIsNeverReadAndIsCounted() {
        long before = a.crosstalk().rejections().count(ClusterRejections.Kind.HEALTH);
        rogue.map(SharedTable.Name.HEALTH.map).put("10.0.0.1:25565",
                "{\"key\":\"10.0.0.1:25565\",\"value\":{\"up\":false},\"writtenAt\":" + System.currentTimeMillis() + "}"
                        .getBytes(StandardCharsets.UTF_8));
        rogue.map(SharedTable.Name.HEALTH.map).put("10.0.0.2:25565", "not even bytes");
        eventually(Duration.ofSeconds(5), () -> assertThat(
                a.crosstalk().rejections().count(ClusterRejections.Kind.HEALTH)).isGreaterThanOrEqualTo(before + 2));
        assertThat(a.crosstalk().table(SharedTable.Name.HEALTH).entries()).doesNotContainKeys("10.0.0.1:25565",
                "10.0.0.2:25565");
        assertThat(b.crosstalk().table(SharedTable.Name.HEALTH).get("10.0.0.1:25565")).isNull();
    }

    @Test
    void oneNodeAtATimeHoldsAClaimUntilItIsReleasedOrRunsOut() {
        ActionClaims onA = a.crosstalk().claims();
        ActionClaims onB = b.crosstalk().claims();
        ActionClaims.Claim first = await(onA.claim("sleepy.example.com", Duration.ofMinutes(1)));
        assertThat(first.granted()).isTrue();
        assertThat(granted(onB, "sleepy.example.com", Duration.ofMinutes(1))).as("held by A").isFalse();
        ActionClaims.Claim again = await(onA.claim("sleepy.example.com", Duration.ofMinutes(1)));
        assertThat(again.granted()).as("A's own, again").isTrue();
        assertThat(granted(onB, "other.example.com", Duration.ofMinutes(1))).as("another key").isTrue();
        await(first.release());
        assertThat(granted(onB, "sleepy.example.com", Duration.ofMinutes(1))).as("a late release of an older claim")
                .isFalse();
        await(again.release());
        ActionClaims.Claim onBNow = await(onB.claim("sleepy.example.com", Duration.ofSeconds(6)));
        assertThat(onBNow.granted()).isTrue();
        await(again.release());
        assertThat(granted(onA, "sleepy.example.com", Duration.ofMinutes(1))).as("B's, not A's to release").isFalse();
        eventually(Duration.ofSeconds(20), () -> assertThat(granted(onA, "sleepy.example.com", Duration.ofMinutes(1)))
                .as("B's claim ran out").isTrue());
    }

    /** Both members at once, from four threads each, over a key that is free, ran out or holds junk. */
    @Test
    void amongManyClaimsAtOnceExactlyOneIsGranted() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 12; round++) {
                String key = "race-" + round + ".example.com";
                if (round % 3 == 1) {
                    assertThat(granted(a.crosstalk().claims(), key, Duration.ofMillis(1))).isTrue();
                    Thread.sleep(5); // ran out, and still in the map
                } else if (round % 3 == 2) {
                    rogue.map(HazelcastActionClaims.MAP).put(key, "junk".getBytes(StandardCharsets.UTF_8));
                }
                CountDownLatch go = new CountDownLatch(1);
                List<java.util.concurrent.Future<Boolean>> asked = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    ActionClaims claims = (i % 2 == 0 ? a : b).crosstalk().claims();
                    asked.add(threads.submit(() -> {
                        go.await();
                        return granted(claims, key, Duration.ofMinutes(1));
                    }));
                }
                go.countDown();
                Set<String> grantedTo = new HashSet<>();
                for (int i = 0; i < asked.size(); i++) {
                    if (asked.get(i).get(30, TimeUnit.SECONDS)) {
                        grantedTo.add(i % 2 == 0 ? "a" : "b");
                    }
                }
                assertThat(grantedTo).as("round " + round + ": the nodes granted (a node may claim again)").hasSize(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aStrangerCanNeitherHoldNorMoveAClaim() {
        long before = a.crosstalk().rejections().count(ClusterRejections.Kind.WAKE);
        rogue.map(HazelcastActionClaims.MAP).put("junk.example.com", "{\"node\":\"rogue\",\"until\":9e18}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(granted(a.crosstalk().claims(), "junk.example.com", Duration.ofMinutes(1))).isTrue();
        assertThat(granted(b.crosstalk().claims(), "moved.example.com", Duration.ofMinutes(1))).isTrue();
        rogue.map(HazelcastActionClaims.MAP).put("copy.example.com",
                rogue.map(HazelcastActionClaims.MAP).get("moved.example.com"));
        assertThat(granted(a.crosstalk().claims(), "copy.example.com", Duration.ofMinutes(1)))
                .as("B's claim moved to another key does not open there").isTrue();
        assertThat(a.crosstalk().rejections().count(ClusterRejections.Kind.WAKE)).isGreaterThanOrEqualTo(before + 2);
        assertThat(granted(b.crosstalk().claims(), "junk.example.com", Duration.ofMinutes(1)))
                .as("A took the key over from the stranger").isFalse();
    }

    private static boolean granted(ActionClaims claims, String key, Duration hold) {
        return await(claims.claim(key, hold)).granted();
    }

    @Test
    void aGenuineValueMovedToAnotherKeyDoesNotOpen() {
        SharedTable reports = a.crosstalk().table(SharedTable.Name.REPORTS);
        reports.put("node-x", new JsonObject().put("logins", 5));
        eventually(Duration.ofSeconds(5), () -> assertThat(rogue.map(SharedTable.Name.REPORTS.map).get("node-x"))
                .isNotNull());
        Object sealed = rogue.map(SharedTable.Name.REPORTS.map).get("node-x");
        long before = b.crosstalk().rejections().count(ClusterRejections.Kind.REPORT);
        rogue.map(SharedTable.Name.REPORTS.map).put("node-y", sealed);
        eventually(Duration.ofSeconds(5), () -> assertThat(
                b.crosstalk().rejections().count(ClusterRejections.Kind.REPORT)).isGreaterThan(before));
        assertThat(b.crosstalk().table(SharedTable.Name.REPORTS).get("node-y")).isNull();
        assertThat(b.crosstalk().table(SharedTable.Name.REPORTS).get("node-x").getInteger("logins")).isEqualTo(5);
    }

    @Test
    void aRouteANewerGammaWroteIsNotWrittenOverAndTheOldCopyKeepsServing() throws Exception {
        SharedRoute route = ClusterFixture.apiRoute("newer.example.com", "10.0.0.7:25565", 1_000);
        await(a.crosstalk().routes().put(route));
        eventually(Duration.ofSeconds(5), () -> assertThat(b.crosstalk().routes().snapshot())
                .containsKey("newer.example.com"));
        JsonObject newer = route.toJson().put("updatedAt", 2_000L);
        newer.getJsonObject("route").put("a-key-of-a-later-version", new JsonObject().put("on", true));
        SealedMap shared = ((HazelcastRouteStore) a.crosstalk().routes()).mirror().map();
        shared.setAsync("newer.example.com", newer).toCompletableFuture().join();
        byte[] written = (byte[]) rogue.map(HazelcastRouteStore.MAP).get("newer.example.com");
        Thread.sleep(6_500); // past a repair sweep, which would write the older copy over it
        assertThat(Arrays.equals((byte[]) rogue.map(HazelcastRouteStore.MAP).get("newer.example.com"), written))
                .as("the newer value is still the one written").isTrue();
        for (ClusterNode node : List.of(a, b)) {
            assertThat(node.crosstalk().routes().snapshot()).containsEntry("newer.example.com", route);
            assertThat(((HazelcastRouteStore) node.crosstalk().routes()).mirror().damaged())
                    .doesNotContain("newer.example.com");
        }
    }
}
