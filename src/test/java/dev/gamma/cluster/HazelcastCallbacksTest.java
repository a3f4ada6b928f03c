package dev.gamma.cluster;

import static dev.gamma.cluster.ClusterFixture.apiRoute;
import static dev.gamma.cluster.ClusterFixture.config;
import static dev.gamma.cluster.ClusterFixture.player;
import static dev.gamma.testkit.Await.await;
import static dev.gamma.testkit.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.internal.util.ConcurrencyUtil;
import dev.gamma.vertx.VertxInternals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hazelcast runs a callback on its default executor unless it is given one, and when the JVM sees fewer than three
 * processors that executor starts a thread per callback (a clustered node on one core did two per login, fell
 * behind and filled its heap with waiting writes). Every cluster write must be answered without that executor, on
 * the caller's context.
 */
class HazelcastCallbacksTest {
    private static final int WRITES = 40;
    private static final AtomicInteger handedToDefaultExecutor = new AtomicInteger();

    @TempDir
    static Path dir;

    static ClusterNode node;
    static Executor hazelcastDefault;

    @BeforeAll
    static void start() {
        int port = ClusterFixture.freePorts(1).get(0);
        node = ClusterFixture.start(config("callbacks-" + UUID.randomUUID(), port, List.of(port), dir), List.of());
        hazelcastDefault = ConcurrencyUtil.getDefaultAsyncExecutor();
        ConcurrencyUtil.setDefaultAsyncExecutor(task -> {
            handedToDefaultExecutor.incrementAndGet();
            hazelcastDefault.execute(task);
        });
    }

    @AfterAll
    static void stop() {
        ConcurrencyUtil.setDefaultAsyncExecutor(hazelcastDefault);
        await(node.close());
    }

    @Test
    void playerWritesAndRemovalsAreAnsweredOnTheCallersContextWithoutHazelcastsExecutor() {
        String self = node.crosstalk().nodes().selfId();
        PlayerRegistry players = node.crosstalk().players();
        // put, then removed once written: a put and removal in one window would never reach Hazelcast
        List<Boolean> onCaller = new ArrayList<>(writeOnAContext(() -> {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < WRITES; i++) {
                writes.add(players.put(player(self + "-" + i, "Player" + i, self)));
            }
            return writes;
        }));
        onCaller.addAll(writeOnAContext(() -> {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < WRITES; i++) {
                writes.add(players.remove(self + "-" + i));
            }
            return writes;
        }));

        assertThat(onCaller).hasSize(2 * WRITES).containsOnly(true);
        assertThat(handedToDefaultExecutor).hasValue(0);
        eventually(Duration.ofSeconds(5), () -> assertThat(players.snapshot()).isEmpty());
    }

    @Test
    void routeAndNodeWritesAreAnsweredOnTheCallersContextWithoutHazelcastsExecutor() {
        RouteStore routes = node.crosstalk().routes();
        NodeInfo self = new NodeInfo(node.crosstalk().nodes().selfId(), "127.0.0.1:25565", "127.0.0.1:8080", 1);
        List<Boolean> onCaller = writeOnAContext(() -> List.of(
                routes.put(apiRoute("one.example.com", "10.0.0.1:25565", 1_000))
                        .compose(v -> routes.remove("one.example.com")),
                node.crosstalk().announce(self)));

        assertThat(onCaller).hasSize(2).containsOnly(true);
        assertThat(handedToDefaultExecutor).hasValue(0);
        assertThat(routes.snapshot()).doesNotContainKey("one.example.com");
    }

    @Test
    void writesFromAnEventLoopOutsideAnyContextAreAnsweredOnOneContextNotANewOneEach() {
        String self = node.crosstalk().nodes().selfId();
        PlayerRegistry players = node.crosstalk().players();
        Set<Context> answeredOn = ConcurrentHashMap.newKeySet();
        AtomicInteger answers = new AtomicInteger();
        for (boolean putting : List.of(true, false)) {
            CompletableFuture<List<Future<?>>> issued = new CompletableFuture<>();
            // a bare task on an event loop, as when a player's socket closes: no Vert.x context is current
            VertxInternals.eventLoop(node.vertx().getOrCreateContext()).execute(() -> {
                assertThat(Vertx.currentContext()).isNull();
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < WRITES; i++) {
                    String id = self + "-bare-" + i;
                    writes.add(putting ? players.put(player(id, "Bare" + i, self)) : players.remove(id));
                }
                writes.forEach(w -> w.onComplete(r -> {
                    answeredOn.add(Vertx.currentContext());
                    answers.incrementAndGet();
                }));
                issued.complete(writes);
            });
            await(Future.all(issued.join()));
        }

        eventually(Duration.ofSeconds(5), () -> assertThat(answers).hasValue(2 * WRITES));
        assertThat(answeredOn).hasSize(1);
    }

    /** Runs {@code writes} on a fresh context; answers, per write, whether its handlers ran on that context. */
    private static List<Boolean> writeOnAContext(Supplier<List<Future<?>>> writes) {
        Vertx vertx = node.vertx();
        Context context = vertx.getOrCreateContext();
        List<Boolean> onCaller = Collections.synchronizedList(new ArrayList<>());
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            List<Future<?>> started = writes.get();
            started.forEach(f -> f.onComplete(r -> onCaller.add(Vertx.currentContext() == context)));
            Future.all(started).onComplete(r -> done.handle(r.mapEmpty()));
        });
        await(done.future());
        return onCaller;
    }
}
