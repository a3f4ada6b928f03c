package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.HealthTable;
import dev.gamma.cluster.NodeDirectory;
import dev.gamma.cluster.NodeInfo;
import dev.gamma.cluster.SharedRoute;
import dev.gamma.cluster.SharedTable;
import dev.gamma.route.Backend;
import dev.gamma.route.BackendState;
import dev.gamma.route.RouteJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** One node per backend checks it; the state it shares, refreshes and takes over, with a clock the test moves. */
class HealthChecksTest {
    private static final Backend BACKEND = new Backend("10.0.0.1", 25565);
    private static final String KEY = BACKEND.toString();

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final FakeTable table = new FakeTable(clock);
    private final HealthTable health = new HealthTable(table, clock::get);
    private final Directory directory = new Directory();
    private final List<Boolean> answers = new ArrayList<>();
    private int probes;
    private final HealthChecks checks = new HealthChecks(() -> ROUTES, directory, health, (route, backend, within) -> {
        probes++;
        return answers.remove(0) ? Future.succeededFuture() : Future.failedFuture("refused");
    }, new FleetBackends(null, health), clock::get);

    /** One route with checks, and two backends: the directory gives this node the first only. */
    private static final Map<String, SharedRoute> ROUTES = Map.of("play.test", new SharedRoute("play.test",
            RouteJson.decode(new JsonObject().put("host", List.of("play.test"))
                    .put("backends", List.of(KEY, "10.0.0.2:1"))
                    .put("health", new JsonObject().put("interval", "1s").put("timeout", "500ms"))),
            SharedRoute.Source.FILE, 1));

    @Test
    void theOwnerMarksDownAfterFailsAndUpAfterPassesAndWritesAgainWithoutChange() {
        directory.owner = "self";
        answers.addAll(List.of(false, false, false, false, false, false, false, false, true, true));
        tickFor(Duration.ofSeconds(1));
        assertThat(table.writes).as("one failure: nothing concluded").isEmpty();
        tickFor(Duration.ofSeconds(1));
        assertThat(health.state(BACKEND)).isEqualTo(BackendState.DOWN);
        assertThat(table.writes).hasSize(1);
        tickFor(Duration.ofSeconds(6));
        assertThat(table.writes).as("down written again within 5 s, not at every check").hasSize(2);
        tickFor(Duration.ofSeconds(1));
        assertThat(health.state(BACKEND)).as("one pass is not enough").isEqualTo(BackendState.DOWN);
        tickFor(Duration.ofSeconds(1));
        assertThat(health.state(BACKEND)).isEqualTo(BackendState.UP);
        assertThat(probes).as("one check per interval").isEqualTo(10);
    }

    @Test
    void aNodeThatIsNotTheOwnerNeitherChecksNorWrites() {
        directory.owner = "other";
        tickFor(Duration.ofSeconds(5));
        assertThat(probes).isZero();
        assertThat(table.writes).isEmpty();
        assertThat(checks.states()).containsExactly(Map.entry(BACKEND, BackendState.UNKNOWN),
                Map.entry(new Backend("10.0.0.2", 1), BackendState.UNKNOWN));
    }

    @Test
    void aDownWrittenByAnotherNodeIsTakenOverUntilTheBackendPassesAgain() {
        directory.owner = "self";
        answers.addAll(List.of(true, true, true, true, true, true));
        tickFor(Duration.ofSeconds(2));
        assertThat(health.state(BACKEND)).isEqualTo(BackendState.UP);
        health.write(BACKEND, BackendState.DOWN); // failed logins on another node
        tickFor(Duration.ofSeconds(1));
        assertThat(health.state(BACKEND)).as("one pass after the takeover").isEqualTo(BackendState.DOWN);
        tickFor(Duration.ofSeconds(1));
        assertThat(health.state(BACKEND)).isEqualTo(BackendState.UP);
    }

    @Test
    void anythingElseAnotherNodeWritesIsWrittenOverAtOnce() {
        directory.owner = "self";
        answers.addAll(List.of(false, false, false, false));
        tickFor(Duration.ofSeconds(2));
        assertThat(health.state(BACKEND)).isEqualTo(BackendState.DOWN);
        table.put(KEY, new JsonObject().put("state", "up"));
        checks.tick();
        assertThat(health.state(BACKEND)).isEqualTo(BackendState.DOWN);
        table.put(KEY, new JsonObject().put("state", List.of("sideways")));
        assertThat(health.state(BACKEND)).as("a shape nobody writes reads as unknown").isEqualTo(BackendState.UNKNOWN);
        checks.tick();
        assertThat(health.state(BACKEND)).isEqualTo(BackendState.DOWN);
    }

    @Test
    void aNewOwnerGoesOnFromTheSharedStateAndAnOwnerlessEntryFadesToUnknown() {
        directory.owner = "gone";
        health.write(BACKEND, BackendState.DOWN); // what the departed owner wrote last
        directory.owner = "self";
        answers.addAll(List.of(true, true));
        tickFor(Duration.ofSeconds(1));
        assertThat(health.state(BACKEND)).as("down until it passes twice").isEqualTo(BackendState.DOWN);
        tickFor(Duration.ofSeconds(1));
        assertThat(health.state(BACKEND)).isEqualTo(BackendState.UP);
        directory.owner = "gone";
        tickFor(Duration.ofSeconds(31));
        assertThat(health.state(BACKEND)).as("nobody renewed it for 30 s").isEqualTo(BackendState.UNKNOWN);
    }

    /** Ticks as the node's timer does, moving the clock. */
    private void tickFor(Duration time) {
        for (long t = 0; t < time.toMillis(); t += HealthChecks.TICK_MILLIS) {
            checks.tick();
            clock.addAndGet(HealthChecks.TICK_MILLIS);
        }
    }

    private static final class Directory implements NodeDirectory {
        volatile String owner = "self";

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
            return key.equals(KEY) ? owner : "other";
        }
    }

    /** A table as {@code LocalSharedTable} keeps one: stamped by a clock, never earlier than the last stamp. */
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
            values.put(key, value.copy());
            stamps.put(key, Math.max(clock.get(), writtenAt(key) + 1));
            writes.add(value.copy());
        }

        @Override
        public void onChange(BiConsumer<String, JsonObject> listener) {}
    }
}
