package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.ActionClaims;
import dev.gamma.cluster.NodeDirectory;
import dev.gamma.cluster.NodeInfo;
import dev.gamma.cluster.SharedRoute;
import dev.gamma.cluster.SharedTable;
import dev.gamma.cluster.WakeTable;
import dev.gamma.route.RouteJson;
import dev.gamma.route.WakeState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The owner's state machine on a fake clock, with actions and probes the test completes. */
class WakeOwnerTest {
    private static final Map<String, SharedRoute> ROUTES = Map.of("sleepy.test", new SharedRoute("sleepy.test",
            RouteJson.decode(new JsonObject().put("host", List.of("sleepy.test")).put("backends", List.of("10.0.0.1:1"))
                    .put("wake", new JsonObject().put("command", List.of("/opt/start")).put("hold", "30s")
                            .put("sleep-after", "10s").put("sleep", new JsonObject().put("command",
                                    List.of("/opt/stop"))))),
            SharedRoute.Source.FILE, 1));

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final FakeTable shared = new FakeTable(clock);
    private final WakeTable table = new WakeTable(shared, clock::get);
    private final AtomicBoolean backendUp = new AtomicBoolean();
    private final AtomicInteger players = new AtomicInteger();
    private final List<String> ran = new ArrayList<>();
    private final List<Promise<Void>> running = new ArrayList<>();
    private final Directory directory = new Directory("self");
    private final FleetClaims claims = new FleetClaims();
    private final WakeOwner owner = owner("self", directory, table);

    /** A node in charge of every route in {@code directory}'s eyes, its actions logged in {@link #ran} by name. */
    private WakeOwner owner(String node, NodeDirectory directory, WakeTable table) {
        return owner(node, directory, table, claims.of(node));
    }

    private WakeOwner owner(String node, NodeDirectory directory, WakeTable table, ActionClaims claims) {
        return new WakeOwner(() -> ROUTES, directory, claims, table, name -> players.get(),
                (route, purpose, action) -> {
                    ran.add((node.equals("self") ? "" : node + ": ") + purpose + " " + action.command().get(0));
                    Promise<Void> done = Promise.promise();
                    running.add(done);
                    return done.future();
                },
                route -> backendUp.get() ? Future.succeededFuture() : Future.failedFuture("refused"),
                new WakeMetrics(new SimpleMeterRegistry(), () -> 0), clock::get);
    }

    @Test
    void concurrentRequestsRunOneWakeUntilTheHoldPassed() {
        tickFor(Duration.ofSeconds(2));
        assertThat(table.state("sleepy.test")).isEqualTo(WakeState.ASLEEP);
        for (int i = 0; i < 20; i++) {
            assertThat(owner.wake("sleepy.test")).isEqualTo("starting");
        }
        assertThat(ran).containsExactly("wake /opt/start");
        running.get(0).complete();
        tickFor(Duration.ofSeconds(10));
        owner.wake("sleepy.test");
        assertThat(ran).as("starting, within its hold").hasSize(1);
        backendUp.set(true);
        tickFor(Duration.ofSeconds(1));
        assertThat(table.state("sleepy.test")).isEqualTo(WakeState.AWAKE);
        assertThat(owner.wake("sleepy.test")).as("up: a late request runs nothing").isEqualTo("awake");
        assertThat(ran).hasSize(1);
        backendUp.set(false);
        tickFor(Duration.ofSeconds(1));
        assertThat(table.state("sleepy.test")).as("it died").isEqualTo(WakeState.ASLEEP);
        owner.wake("sleepy.test");
        assertThat(ran).hasSize(2);
        running.get(1).complete();
        assertThat(table.state("sleepy.test")).isEqualTo(WakeState.STARTING);
        tickFor(Duration.ofSeconds(31));
        assertThat(table.state("sleepy.test")).as("the hold passed and it is still down").isEqualTo(WakeState.ASLEEP);
        owner.wake("sleepy.test");
        assertThat(ran).hasSize(3);
        assertThat(owner.wake("nobody.test")).isEqualTo("unknown");
    }

    @Test
    void itSleepsOnceWhenEmptyForSleepAfterAndNeverWithAPlayer() {
        backendUp.set(true);
        players.set(1);
        tickFor(Duration.ofSeconds(60));
        assertThat(table.state("sleepy.test")).isEqualTo(WakeState.AWAKE);
        assertThat(ran).as("a player is on it").isEmpty();
        players.set(0);
        tickFor(Duration.ofSeconds(9));
        assertThat(ran).as("not yet sleep-after").isEmpty();
        // a node holds a login (it asked before it saw the server up): nothing to run, but the server is wanted
        assertThat(owner.wake("sleepy.test")).isEqualTo("awake");
        tickFor(Duration.ofSeconds(9));
        assertThat(ran).isEmpty();
        tickFor(Duration.ofSeconds(10));
        assertThat(ran).containsExactly("sleep /opt/stop");
        tickFor(Duration.ofSeconds(30));
        assertThat(ran).as("one sleep while it runs").hasSize(1);
        running.get(0).complete();
        assertThat(table.state("sleepy.test")).isEqualTo(WakeState.ASLEEP);
        tickFor(Duration.ofSeconds(5));
        assertThat(table.state("sleepy.test")).as("a backend shutting down is not awake").isEqualTo(WakeState.ASLEEP);
        assertThat(ran).hasSize(1);
        owner.wake("sleepy.test");
        assertThat(ran).as("asleep: a login wakes it at once").containsExactly("sleep /opt/stop", "wake /opt/start");
    }

    @Test
    void aFailedSleepIsTriedAgainAfterAnotherSleepAfterAndAFailedWakeOnTheNextLogin() {
        backendUp.set(true);
        tickFor(Duration.ofSeconds(12));
        assertThat(ran).containsExactly("sleep /opt/stop");
        running.get(0).fail("exit code 1");
        tickFor(Duration.ofSeconds(5));
        assertThat(ran).hasSize(1);
        tickFor(Duration.ofSeconds(6));
        assertThat(ran).hasSize(2);
        backendUp.set(false);
        running.get(1).complete();
        owner.wake("sleepy.test");
        running.get(2).fail("exit code 2");
        assertThat(table.state("sleepy.test")).isEqualTo(WakeState.ASLEEP);
        owner.wake("sleepy.test");
        assertThat(ran).hasSize(4);
    }

    @Test
    void onlyTheOwnerActsAndANewOwnerGoesOnFromTheSharedState() {
        directory.owner = "other";
        backendUp.set(true);
        tickFor(Duration.ofSeconds(30));
        assertThat(shared.writes).isEmpty();
        shared.put("sleepy.test", new JsonObject().put("state", "starting").put("since", clock.get()));
        directory.owner = "self";
        owner.wake("sleepy.test");
        assertThat(ran).as("another owner started it within the hold").isEmpty();
    }

    /** A member joining: both nodes think they are in charge, and the second has not seen the first's state yet. */
    @Test
    void twoNodesInChargeAtOnceRunOneActionAtATime() {
        WakeOwner twin = owner("twin", new Directory("twin"), new WakeTable(new FakeTable(clock), clock::get));
        for (int t = 0; t < 4; t++) {
            clock.addAndGet(WakeService.TICK_MILLIS);
            owner.tick();
            twin.tick();
        }
        assertThat(owner.wake("sleepy.test")).isEqualTo("starting");
        assertThat(twin.wake("sleepy.test")).isEqualTo("starting");
        assertThat(ran).as("the twin's claim is refused").containsExactly("wake /opt/start");
        running.get(0).fail("exit code 1");
        twin.wake("sleepy.test");
        assertThat(ran).as("a failed wake gives its claim up").containsExactly("wake /opt/start",
                "twin: wake /opt/start");
        running.get(1).complete();
        backendUp.set(true);
        // awake and empty: this node would sleep it after sleep-after, but the twin's wake holds it for its hold
        for (int t = 0; t < 25_000 / WakeService.TICK_MILLIS; t++) {
            clock.addAndGet(WakeService.TICK_MILLIS);
            owner.tick();
        }
        assertThat(ran).as("no sleep while another node's wake holds the route").hasSize(2);
        tickFor(Duration.ofSeconds(11));
        assertThat(ran).as("the hold passed: one sleep-after later").containsExactly("wake /opt/start",
                "twin: wake /opt/start", "sleep /opt/stop");
    }

    @Test
    void whenTheClusterCannotBeAskedForAClaimTheNodeActsAnyway() {
        WakeOwner cut = owner("self", directory, table, (key, hold) -> Future.failedFuture("no answer within 3000 ms"));
        for (int t = 0; t < 4; t++) {
            clock.addAndGet(WakeService.TICK_MILLIS);
            cut.tick();
        }
        assertThat(cut.wake("sleepy.test")).isEqualTo("starting");
        assertThat(ran).containsExactly("wake /opt/start");
        assertThat(table.state("sleepy.test")).isEqualTo(WakeState.STARTING);
    }

    @Test
    void hostileSharedValuesReadAsUnknown() {
        for (JsonObject value : List.of(new JsonObject().put("state", "ASLEEP").put("since", 1),
                new JsonObject().put("state", List.of("asleep")).put("since", 1),
                new JsonObject().put("state", "asleep").put("since", 1.5),
                new JsonObject().put("state", "asleep"), new JsonObject())) {
            shared.put("sleepy.test", value);
            assertThat(table.entry("sleepy.test")).as(value.encode()).isNull();
        }
        shared.put("sleepy.test", new JsonObject().put("state", "asleep").put("since", 1));
        assertThat(table.state("sleepy.test")).isEqualTo(WakeState.ASLEEP);
        clock.addAndGet(31_000);
        assertThat(table.state("sleepy.test")).as("not renewed: its writer is gone").isNull();
    }

    private void tickFor(Duration duration) {
        for (long t = 0; t < duration.toMillis(); t += WakeService.TICK_MILLIS) {
            clock.addAndGet(WakeService.TICK_MILLIS);
            owner.tick();
        }
    }

    private static final class Directory implements NodeDirectory {
        final String self;
        volatile String owner;

        Directory(String self) {
            this.self = self;
            this.owner = self;
        }

        @Override
        public String selfId() {
            return self;
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

    /** What the fleet's claims do ({@code HazelcastActionClaims}, tested among real members), on the test's clock. */
    private final class FleetClaims {
        private record Held(String node, long until) {}

        private final Map<String, Held> held = new HashMap<>();

        ActionClaims of(String node) {
            return (key, hold) -> {
                Held now = held.get(key);
                if (now != null && !now.node().equals(node) && now.until() > clock.get()) {
                    return Future.succeededFuture(ActionClaims.Claim.REFUSED);
                }
                Held mine = new Held(node, clock.get() + hold.toMillis());
                held.put(key, mine);
                return Future.succeededFuture(new ActionClaims.Claim(true, () -> {
                    held.remove(key, mine);
                    return Future.succeededFuture();
                }));
            };
        }
    }

    private static final class FakeTable implements SharedTable {
        final AtomicLong clock;
        final Map<String, JsonObject> values = new HashMap<>();
        final Map<String, Long> stamps = new HashMap<>();
        final List<JsonObject> writes = new ArrayList<>();

        FakeTable(AtomicLong clock) {
            this.clock = clock;
        }

        @Override
        public JsonObject get(String key) {
            return values.get(key);
        }

        @Override
        public Map<String, JsonObject> entries() {
            return Map.copyOf(values);
        }

        @Override
        public long writtenAt(String key) {
            return stamps.getOrDefault(key, 0L);
        }

        @Override
        public void put(String key, JsonObject value) {
            values.put(key, value);
            stamps.put(key, clock.get());
            writes.add(value);
        }

        @Override
        public void onChange(BiConsumer<String, JsonObject> listener) {}
    }
}
