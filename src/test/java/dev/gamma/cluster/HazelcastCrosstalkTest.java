package dev.gamma.cluster;

import static dev.gamma.cluster.ClusterFixture.NODE_TIMEOUT;
import static dev.gamma.cluster.ClusterFixture.apiRoute;
import static dev.gamma.cluster.ClusterFixture.config;
import static dev.gamma.cluster.ClusterFixture.fileRoute;
import static dev.gamma.cluster.ClusterFixture.player;
import static dev.gamma.testkit.Await.await;
import static dev.gamma.testkit.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

/** Three members in this JVM: A and B live through every test; C dies in the last one. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HazelcastCrosstalkTest {
    private static final Duration SOON = Duration.ofSeconds(1);

    @TempDir
    static Path dir;

    static ClusterNode a;
    static ClusterNode b;
    static ClusterNode c;

    @BeforeAll
    static void startThreeMembers() {
        String name = "test-" + UUID.randomUUID();
        List<Integer> ports = ClusterFixture.freePorts(3);
        CompletableFuture<ClusterNode> first = CompletableFuture.supplyAsync(() -> ClusterFixture.start(
                config(name, ports.get(0), ports, dir.resolve("a")), List.of(fileRoute("a.example.com", "a:1"))));
        CompletableFuture<ClusterNode> second = CompletableFuture.supplyAsync(() -> ClusterFixture.start(
                config(name, ports.get(1), ports, dir.resolve("b")), List.of(fileRoute("b.example.com", "b:1"))));
        CompletableFuture<ClusterNode> third = CompletableFuture.supplyAsync(() -> ClusterFixture.start(
                config(name, ports.get(2), ports, dir.resolve("c")), List.of()));
        a = first.join();
        b = second.join();
        c = third.join();
        eventually(Duration.ofSeconds(30), () -> assertThat(
                ((HazelcastCrosstalk) a.crosstalk()).manager().getNodes()).hasSize(3));
    }

    @AfterAll
    static void leave() {
        await(Future.join(List.of(a.close(), b.close(), c.vertx().close())));
    }

    @Test
    @Order(1)
    void fileRoutesOfEveryNodeAreMerged() {
        for (ClusterNode node : List.of(a, b, c)) {
            eventually(SOON, () -> assertThat(node.crosstalk().routes().snapshot())
                    .containsKeys("a.example.com", "b.example.com"));
        }
    }

    @Test
    @Order(2)
    void aRoutePutOnOneNodeIsInAnotherNodesSnapshotWithinASecond() {
        SharedRoute route = apiRoute("api.example.com", "10.0.0.2:25565", System.currentTimeMillis());
        await(a.crosstalk().routes().put(route));
        assertThat(a.crosstalk().routes().snapshot()).containsEntry("api.example.com", route);
        eventually(SOON, () -> assertThat(b.crosstalk().routes().snapshot()).containsEntry("api.example.com", route));
    }

    @Test
    @Order(3)
    void anApiRouteOverridesAFileRouteAndItsRemovalReachesEveryNode() {
        SharedRoute route = apiRoute("b.example.com", "10.0.0.3:25565", System.currentTimeMillis());
        await(b.crosstalk().routes().put(route));
        eventually(SOON, () -> assertThat(a.crosstalk().routes().snapshot()).containsEntry("b.example.com", route));
        // a reload of B's file must not put the file route back over the API route
        await(b.crosstalk().routes().replaceFileRoutes(List.of(fileRoute("b.example.com", "b:2"))));
        assertThat(b.crosstalk().routes().snapshot()).containsEntry("b.example.com", route);

        assertThat(await(a.crosstalk().routes().remove("b.example.com"))).isTrue();
        assertThat(a.crosstalk().routes().snapshot()).doesNotContainKey("b.example.com");
        eventually(SOON, () -> assertThat(b.crosstalk().routes().snapshot()).doesNotContainKey("b.example.com"));
        assertThat(await(a.crosstalk().routes().remove("b.example.com"))).isFalse();
    }

    @Test
    @Order(3)
    void aReloadOfTheFileHasItsRoutesInTheNodesOwnTableOnceItCompletes() {
        List<SharedRoute> reloaded = new ArrayList<>(List.of(fileRoute("a.example.com", "a:1")));
        for (int i = 0; i < 20; i++) { // on every member's partitions
            reloaded.add(fileRoute("reloaded-" + i + ".example.com", "r:" + (i + 1)));
        }
        await(a.crosstalk().routes().replaceFileRoutes(reloaded));
        Map<String, SharedRoute> table = a.crosstalk().routes().snapshot();
        assertThat(reloaded).as("a node serves what it says it reloaded")
                .allMatch(route -> table.containsKey(route.host())
                        && table.get(route.host()).route().equals(route.route()));
    }

    @Test
    @Order(4)
    void routeChangesAreAnnouncedOnAVertxContext() {
        CompletableFuture<Boolean> onContext = new CompletableFuture<>();
        b.crosstalk().routes().onChange(table -> {
            if (table.containsKey("listened.example.com")) {
                onContext.complete(io.vertx.core.Context.isOnVertxThread());
            }
        });
        await(a.crosstalk().routes().put(apiRoute("listened.example.com", "x:1", System.currentTimeMillis())));
        assertThat(onContext.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join()).isTrue();
    }

    @Test
    @Order(4)
    void aChangeDecodesOnlyTheChangedEntryAndEveryOtherRouteStaysTheSameObject() {
        Map<String, SharedRoute> before = b.crosstalk().routes().snapshot();
        assertThat(before).containsKey("a.example.com");
        SharedRoute added = apiRoute("one-more.example.com", "10.0.0.4:25565", System.currentTimeMillis());

        await(a.crosstalk().routes().put(added));

        eventually(SOON, () -> assertThat(b.crosstalk().routes().snapshot()).containsKey("one-more.example.com"));
        Map<String, SharedRoute> after = b.crosstalk().routes().snapshot();
        before.forEach((host, entry) -> assertThat(after.get(host)).as(host).isSameAs(entry));
        assertThat(after.get("one-more.example.com")).isEqualTo(added).isNotSameAs(added);
    }

    @Test
    @Order(5)
    void aPlayerPutOnOneNodeIsInAnotherNodesSnapshotUntilRemoved() {
        PlayerEntry steve = player("a-1", "Steve", a.crosstalk().nodes().selfId());
        await(a.crosstalk().players().put(steve));
        eventually(SOON, () -> assertThat(b.crosstalk().players().snapshot()).contains(steve));

        assertThat(b.crosstalk().players().named("STEVE")).as("found by name, in any case").containsExactly(steve);
        assertThat(b.crosstalk().players().onRoute(steve.route())).isEqualTo(1);

        PlayerEntry later = steve.withTraffic(true, 100, 200);
        await(a.crosstalk().players().put(later));
        eventually(SOON, () -> assertThat(b.crosstalk().players().snapshot()).contains(later).doesNotContain(steve));
        assertThat(b.crosstalk().players().named("steve")).as("an update replaces, not adds").containsExactly(later);
        assertThat(b.crosstalk().players().onRoute(steve.route())).isEqualTo(1);

        await(a.crosstalk().players().remove("a-1"));
        eventually(SOON, () -> assertThat(b.crosstalk().players().snapshot()).noneMatch(p -> p.id().equals("a-1")));
        assertThat(b.crosstalk().players().named("Steve")).isEmpty();
        assertThat(b.crosstalk().players().onRoute(steve.route())).isZero();
    }

    @Test
    @Order(6)
    void everyMemberIsListedWithWhatItAnnounced() {
        String selfA = a.crosstalk().nodes().selfId();
        await(a.crosstalk().announce(new NodeInfo(selfA, "127.0.0.1:25565", "127.0.0.1:8080", 42)));
        assertThat(a.crosstalk().nodes().nodes().get(0)).isEqualTo(
                new NodeInfo(selfA, "127.0.0.1:25565", "127.0.0.1:8080", 42));
        eventually(SOON, () -> assertThat(b.crosstalk().nodes().nodes())
                .contains(new NodeInfo(selfA, "127.0.0.1:25565", "127.0.0.1:8080", 42)));
    }

    @Test
    @Order(7)
    void theRegistryCountsAndRemovesOneNodesPlayers() {
        String ghost = "ghost-node";
        await(a.crosstalk().players().put(player("g-1", "Alex", ghost)));
        await(a.crosstalk().players().put(player("g-2", "Sam", ghost)));
        eventually(SOON, () -> assertThat(b.crosstalk().players().snapshot()).filteredOn(p -> p.node().equals(ghost))
                .hasSize(2));
        assertThat(b.crosstalk().players().named("sam")).extracting(PlayerEntry::id).containsExactly("g-2");
        assertThat(await(b.crosstalk().players().removeNode(ghost))).isEqualTo(2);
        eventually(SOON, () -> assertThat(a.crosstalk().players().snapshot()).noneMatch(p -> p.node().equals(ghost)));
        assertThat(await(b.crosstalk().players().removeNode(ghost))).isZero();
        for (ClusterNode node : List.of(a, b)) {
            eventually(SOON, () -> {
                assertThat(node.crosstalk().players().named("Alex")).isEmpty();
                assertThat(node.crosstalk().players().named("Sam")).isEmpty();
                assertThat(node.crosstalk().players().onRoute("play.example.com")).isZero();
            });
        }
    }

    @Test
    @Order(8)
    void theSurvivorsRemoveThePlayersOfANodeThatDied() {
        String selfC = c.crosstalk().nodes().selfId();
        await(c.crosstalk().announce(new NodeInfo(selfC, "c:25565", "c:8080", 1)));
        await(c.crosstalk().players().put(player("c-1", "Notch", selfC)));
        await(c.crosstalk().players().put(player("c-2", "Jeb", selfC)));
        eventually(SOON, () -> assertThat(b.crosstalk().players().snapshot()).filteredOn(p -> p.node().equals(selfC))
                .hasSize(2));

        // as in production, the node dies once its partitions have backups (not while the cluster is forming)
        eventually(Duration.ofSeconds(20), () -> assertThat(((HazelcastCrosstalk) a.crosstalk()).manager()
                .getHazelcastInstance().getPartitionService().isClusterSafe()).isTrue());
        ((HazelcastCrosstalk) c.crosstalk()).manager().getHazelcastInstance().getLifecycleService().terminate();

        eventually(NODE_TIMEOUT.plusSeconds(3), () -> {
            assertThat(b.crosstalk().players().snapshot()).noneMatch(p -> p.node().equals(selfC));
            assertThat(a.crosstalk().players().snapshot()).noneMatch(p -> p.node().equals(selfC));
        });
        assertThat(b.crosstalk().nodes().nodes()).noneMatch(n -> n.id().equals(selfC));
    }
}
