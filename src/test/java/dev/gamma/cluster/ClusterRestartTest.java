package dev.gamma.cluster;

import static dev.gamma.cluster.ClusterFixture.apiRoute;
import static dev.gamma.cluster.ClusterFixture.config;
import static dev.gamma.cluster.ClusterFixture.fileRoute;
import static dev.gamma.testkit.Await.await;
import static dev.gamma.testkit.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.GammaConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API routes outlive a restart of every node, and deleted ones stay deleted. */
class ClusterRestartTest {
    private static final Duration SOON = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void apiRoutesSurviveAFullRestartAndADeletedOneIsNotBroughtBackByANodeThatMissedTheDeletion() {
        String name = "restart-" + UUID.randomUUID();
        List<Integer> ports = ClusterFixture.freePorts(2);
        GammaConfig configA = config(name, ports.get(0), ports, dir.resolve("a"));
        GammaConfig configB = config(name, ports.get(1), ports, dir.resolve("b"));
        SharedRoute kept = apiRoute("kept.example.com", "10.0.0.1:25565", 1_000);
        SharedRoute deleted = apiRoute("deleted.example.com", "10.0.0.2:25565", 2_000);

        ClusterNode a = ClusterFixture.start(configA, List.of(fileRoute("file.example.com", "f:1")));
        ClusterNode b = ClusterFixture.start(configB, List.of());
        await(a.crosstalk().routes().put(kept));
        await(a.crosstalk().routes().put(deleted));
        eventually(SOON, () -> assertThat(b.crosstalk().routes().snapshot()).containsValues(kept, deleted));
        await(b.close());
        // B is down while the route is deleted: its data-dir still has it
        assertThat(await(a.crosstalk().routes().remove("deleted.example.com"))).isTrue();
        await(a.close());

        ClusterNode staleB = ClusterFixture.start(configB, List.of());
        assertThat(staleB.crosstalk().routes().snapshot()).containsValues(kept, deleted);
        ClusterNode restartedA = ClusterFixture.start(configA, List.of(fileRoute("file.example.com", "f:1")));
        for (ClusterNode node : List.of(restartedA, staleB)) {
            eventually(SOON, () -> assertThat(node.crosstalk().routes().snapshot())
                    .containsValue(kept).containsKey("file.example.com").doesNotContainKey("deleted.example.com"));
        }
        await(staleB.close());
        await(restartedA.close());

        // both together again: each data-dir now agrees
        CompletableFuture<ClusterNode> againA = CompletableFuture.supplyAsync(
                () -> ClusterFixture.start(configA, List.of()));
        CompletableFuture<ClusterNode> againB = CompletableFuture.supplyAsync(
                () -> ClusterFixture.start(configB, List.of()));
        for (ClusterNode node : List.of(againA.join(), againB.join())) {
            eventually(SOON, () -> assertThat(node.crosstalk().routes().snapshot())
                    .containsEntry("kept.example.com", kept).doesNotContainKey("deleted.example.com"));
            await(node.close());
        }
    }
}
