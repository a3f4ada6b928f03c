package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gamma.cluster.ActionClaims;
import dev.gamma.cluster.Addresses;
import dev.gamma.cluster.NodeDirectory;
import dev.gamma.cluster.NodeInfo;
import dev.gamma.cluster.SharedTable;
import dev.gamma.cluster.StandaloneCrosstalk;
import dev.gamma.cluster.WakeCommands;
import dev.gamma.cluster.WakeTable;
import dev.gamma.route.Route;
import dev.gamma.route.RouteJson;
import dev.gamma.testkit.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Held logins on one node: bounded, each with its timer, freed when the client leaves, and let go once up. */
class WakesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;
    private Vertx vertx;
    private final AtomicBoolean up = new AtomicBoolean();
    private final AtomicInteger wakeActions = new AtomicInteger();
    private final Directory directory = new Directory();
    private Wakes wakes;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        wakes = wakesOn(vertx);
    }

    private Wakes wakesOn(Vertx vertx) {
        StandaloneCrosstalk crosstalk = new StandaloneCrosstalk(vertx, dataDir);
        WakeTable table = new WakeTable(crosstalk.table(SharedTable.Name.WAKE), System::currentTimeMillis);
        WakeOwner.Probe probe = route -> up.get() ? Future.succeededFuture() : Future.failedFuture("refused");
        WakeOwner owner = new WakeOwner(Map::of, directory, ActionClaims.alone(), table, name -> 0,
                (route, purpose, action) -> {
                    wakeActions.incrementAndGet();
                    return Future.succeededFuture();
                }, probe, new WakeMetrics(new SimpleMeterRegistry(), () -> 0), System::currentTimeMillis);
        return new Wakes(vertx, vertx.getOrCreateContext(), directory, table, new WakeCommands(vertx, crosstalk), owner,
                probe, () -> System.nanoTime() / 1_000_000);
    }

    @AfterEach
    void stop() {
        Await.await(vertx.close());
    }

    @Test
    void loginsBeyondTheRoutesBoundAreRefusedAtOnceAndTheOthersGoOnOnceTheBackendAccepts() {
        Route route = route("a.test", "30s");
        List<Future<Void>> held = new ArrayList<>();
        for (int i = 0; i < Wakes.MAX_HELD_PER_ROUTE + 3; i++) {
            held.add(wakes.hold(route));
        }
        Await.until(WAIT, "the extra three refused", () -> held.stream().filter(Future::failed).count() == 3);
        assertThat(held.stream().filter(Future::failed).map(f -> f.cause().getMessage()).distinct())
                .containsExactly(Wakes.STARTING_MESSAGE);
        assertThat(wakes.held()).isEqualTo(Wakes.MAX_HELD_PER_ROUTE);
        up.set(true);
        Await.until(WAIT, "all let go", () -> held.stream().filter(Future::succeeded).count()
                == Wakes.MAX_HELD_PER_ROUTE);
        assertThat(wakes.held()).isZero();
    }

    @Test
    void aLoginHeldPastItsHoldGetsTheStartingMessageAndALeftOneFreesItsPlace() {
        Future<Void> expires = wakes.hold(route("a.test", "300ms"));
        Future<Void> left = wakes.hold(route("b.test", "30s"));
        Await.until(WAIT, "the hold passed", expires::failed);
        assertThat(expires.cause()).hasMessage("The server is starting, try again in a moment");
        Await.until(WAIT, "one still held", () -> wakes.held() == 1);
        wakes.abandon(route("b.test", "30s"), left);
        Await.until(WAIT, "none held", () -> wakes.held() == 0);
        assertThat(wakeActions.get()).as("another node is in charge: none ran here").isZero();
    }

    @Test
    void anUnansweredOwnerIsLeftForTheNextOneAsSoonAsMembershipChanges() {
        List<String> asked = new CopyOnWriteArrayList<>();
        for (String node : List.of("dead", "next")) {
            vertx.eventBus().consumer(Addresses.wake(node), message -> asked.add(node)); // never answers
        }
        directory.owner = "dead";
        wakes.hold(route("a.test", "30s"));
        Await.until(WAIT, "the owner asked", () -> asked.contains("dead"));
        directory.owner = "next";
        Await.until(WAIT, "the next owner asked", () -> asked.contains("next"));
        assertThat(asked.stream().filter("dead"::equals).count()).isEqualTo(1);
    }

    /**
     * A login refused at the node's bound, for a route with no login held yet, stops no other timer of the node (a
     * route not yet polled has no poller to cancel; Vert.x numbers timers from 0).
     */
    @Test
    void aLoginRefusedAtTheNodesBoundStopsNoOtherTimer() {
        Vertx own = Vertx.vertx();
        try {
            AtomicInteger ticks = new AtomicInteger();
            long first = own.setPeriodic(10, t -> ticks.incrementAndGet());
            assumeTrue(first == 0, "Vert.x numbered its first timer " + first);
            Wakes full = wakesOn(own);
            for (int r = 0; r < Wakes.MAX_HELD / Wakes.MAX_HELD_PER_ROUTE; r++) {
                Route route = route("r" + r + ".test", "30s");
                for (int i = 0; i < Wakes.MAX_HELD_PER_ROUTE; i++) {
                    full.hold(route);
                }
            }
            Future<Void> refused = full.hold(route("new.test", "30s"));
            Await.until(WAIT, "the login beyond the node's bound refused", refused::failed);
            int seen = ticks.get();
            Await.until(WAIT, "the node's first timer still running", () -> ticks.get() > seen + 3);
        } finally {
            Await.await(own.close());
        }
    }

    private static Route route(String host, String hold) {
        return RouteJson.decode(new JsonObject().put("host", List.of(host)).put("backends", List.of("127.0.0.1:1"))
                .put("wake", new JsonObject().put("command", List.of("/opt/start")).put("hold", hold)));
    }

    private static final class Directory implements NodeDirectory {
        volatile String owner = "other";

        @Override
        public String selfId() {
            return "self";
        }

        @Override
        public List<NodeInfo> nodes() {
            return List.of();
        }

        @Override
        public String ownerOf(String key) {
            return owner;
        }
    }
}
