package dev.gamma.cluster;

import static dev.gamma.cluster.ClusterFixture.config;
import static dev.gamma.cluster.ClusterFixture.player;
import static dev.gamma.testkit.Await.await;
import static dev.gamma.testkit.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This node's registry writes are gathered per window: what a short connection puts and removes never reaches the
 * cluster, even when a window ends while it lasts; what stays is written, and a removal always wins over the put it
 * follows, whatever the timing.
 */
class PlayerWritesTest {
    private static final Duration SOON = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    static ClusterNode node;
    static IMap<String, Object> map;
    static final Set<String> written = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() {
        int port = ClusterFixture.freePorts(1).get(0);
        node = ClusterFixture.start(config("writes-" + UUID.randomUUID(), port, List.of(port), dir), List.of());
        map = ((HazelcastCrosstalk) node.crosstalk()).manager().getHazelcastInstance()
                .getMap(HazelcastPlayerRegistry.MAP);
        map.addEntryListener(new Recorder(), false);
    }

    @AfterAll
    static void stop() {
        await(node.close());
    }

    @BeforeEach
    void forget() {
        written.clear();
    }

    @Test
    void aFloodOfConnectionsThatEndWithinTheWindowWritesNothingToTheCluster() {
        String self = node.crosstalk().nodes().selfId();
        PlayerRegistry players = node.crosstalk().players();
        Operations before = Operations.now();
        // on the context that sends the windows, so that none is sent halfway through: each bot's put and removal
        // fall in one window, as those of a session shorter than a window do
        await(on(((HazelcastCrosstalk) node.crosstalk()).home(), () -> {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String id = self + "-bot-" + i;
                writes.add(players.put(player(id, "Bot" + i, self)));
                writes.add(players.remove(id));
            }
            return writes;
        }));
        String marker = putMarker(players, self + "-marker");

        assertThat(written).as("cluster writes other than the marker").containsExactly(marker);
        // the single member runs every operation: the marker's put, and nothing else, not even a removal
        assertThat(Operations.now().sets() - before.sets()).isEqualTo(1);
        assertThat(Operations.now().removals() - before.removals()).isZero();
        await(onContext(() -> List.of(players.remove(marker))));
        assertThat(map.containsKey(marker)).isFalse();
    }

    @Test
    void aConnectionShorterThanTheWindowIsNotWrittenWhenAWindowEndsDuringIt() {
        String self = node.crosstalk().nodes().selfId();
        PlayerRegistry players = node.crosstalk().players();
        Operations before = Operations.now();
        long window = PlayerWrites.GATHER_MILLIS;
        List<String> openers = new ArrayList<>();
        List<String> bots = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String opener = self + "-opener-" + i;
            String bot = self + "-straddler-" + i;
            openers.add(opener);
            bots.add(bot);
            // the opener starts a window; the bot logs in 5 ms before it ends and leaves 2 ms after: it lived
            // 7 ms, and a window ended while it was listed
            await(onContext(() -> {
                node.vertx().setTimer(window - 5, t -> players.put(player(bot, "Straddler" + bot.hashCode(), self)));
                node.vertx().setTimer(window + 2, t -> players.remove(bot));
                return List.of(players.put(player(opener, "Opener" + opener.hashCode(), self)));
            }));
        }
        String marker = putMarker(players, self + "-straddle-marker");

        assertThat(written).doesNotContainAnyElementsOf(bots).containsAll(openers);
        assertThat(Operations.now().sets() - before.sets()).isEqualTo(openers.size() + 1);
        assertThat(Operations.now().removals() - before.removals()).isZero();
        openers.add(marker);
        await(onContext(() -> openers.stream().<Future<?>>map(players::remove).toList()));
        assertThat(openers).noneMatch(map::containsKey);
    }

    @Test
    void aPlayerWhoStaysIsWrittenAndHisRemovalFollows() {
        String self = node.crosstalk().nodes().selfId();
        PlayerRegistry players = node.crosstalk().players();
        List<String> ids = new ArrayList<>();
        // a mass login: more than one window takes
        for (int i = 0; i < PlayerWrites.MAX_PER_WINDOW * 2 + 50; i++) {
            ids.add(self + "-stays-" + i);
        }
        await(onContext(() -> ids.stream().<Future<?>>map(id -> players.put(player(id, "P" + id.hashCode(), self)))
                .toList()));
        assertThat(ids).allMatch(map::containsKey);
        eventually(SOON, () -> assertThat(players.snapshot()).extracting(PlayerEntry::id).containsAll(ids));

        await(onContext(() -> ids.stream().<Future<?>>map(players::remove).toList()));
        assertThat(ids).noneMatch(map::containsKey);
        eventually(SOON, () -> assertThat(players.snapshot()).extracting(PlayerEntry::id).doesNotContainAnyElementsOf(ids));
    }

    @Test
    void aRemovalWinsOverItsPutWhateverWindowEachFallsIn() {
        String self = node.crosstalk().nodes().selfId();
        PlayerRegistry players = node.crosstalk().players();
        Random random = new Random(7);
        List<Future<?>> removed = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        await(onContext(() -> {
            List<Future<?>> puts = new ArrayList<>();
            for (int n = 0; n < 200; n++) {
                int i = n;
                String id = self + "-short-" + i;
                ids.add(id);
                puts.add(players.put(player(id, "S" + i, self)));
                // an update, then the removal, each 0 to 3 windows later: same window, the next, one in flight
                long updateAfter = 1 + random.nextInt((int) PlayerWrites.GATHER_MILLIS * 3);
                long removeAfter = updateAfter + random.nextInt((int) PlayerWrites.GATHER_MILLIS * 3);
                Promise<Void> gone = Promise.promise();
                removed.add(gone.future());
                node.vertx().setTimer(updateAfter, t -> players.put(player(id, "S" + i + "b", self)));
                node.vertx().setTimer(removeAfter, t -> players.remove(id).onComplete(gone));
            }
            return puts;
        }));
        await(Future.all(removed));
        String marker = self + "-after";
        await(onContext(() -> List.of(players.put(player(marker, "After", self)))));

        assertThat(ids).noneMatch(map::containsKey);
        eventually(SOON, () -> assertThat(players.snapshot()).extracting(PlayerEntry::id)
                .contains(marker).doesNotContainAnyElementsOf(ids));
        await(onContext(() -> List.of(players.remove(marker))));
    }

    @Test
    void thisNodesOwnPlayersCountAtOnceAndOnlyOnceForItsLoginChecks() {
        String self = node.crosstalk().nodes().selfId();
        PlayerRegistry players = node.crosstalk().players();
        Context home = ((HazelcastCrosstalk) node.crosstalk()).home();
        PlayerEntry alex = player(self + "-own", "AlexOwn", self);
        String route = alex.route();
        int before = players.onRoute(route);
        List<Integer> seen = new ArrayList<>();
        // in the task that puts it: no window can be sent before max-players and duplicate-login look
        await(on(home, () -> {
            Future<Void> put = players.put(alex);
            seen.add(players.onRoute(route) - before);
            seen.add(players.named("alexown").size());
            return List.of(put);
        }));
        eventually(SOON, () -> assertThat(players.snapshot()).contains(alex));
        // the cluster's copy of it, back in this node's mirror, is not counted a second time
        seen.add(players.onRoute(route) - before);
        seen.add(players.named("ALEXOWN").size());
        await(on(home, () -> {
            Future<Void> removed = players.remove(alex.id());
            seen.add(players.onRoute(route) - before);
            seen.add(players.named("alexown").size());
            return List.of(removed);
        }));

        assertThat(seen).containsExactly(1, 1, 1, 1, 0, 0);
        assertThat(players.sampleOnRoute(route, 10)).doesNotContain(alex);
    }

    /**
     * A node whose players' traffic counts change all the time has more changes waiting than a window takes: a login
     * (or logout) still goes out in one of the next two windows, ahead of changes asked for before it.
     */
    @Test
    void aLoginGoesOutAheadOfThousandsOfTrafficChanges() {
        String self = node.crosstalk().nodes().selfId();
        PlayerRegistry players = node.crosstalk().players();
        List<String> busy = ids(self + "-busy-", 3_000);
        await(onContext(() -> busy.stream().<Future<?>>map(id -> players.put(player(id, "B" + id.hashCode(), self)))
                .toList()));
        AtomicInteger changesWritten = new AtomicInteger();
        List<Integer> changesBeforeEachLogin = new CopyOnWriteArrayList<>();
        await(onContext(() -> {
            List<Future<?>> writes = new ArrayList<>();
            for (String id : busy) {
                writes.add(players.put(counted(player(id, "B" + id.hashCode(), self)))
                        .onComplete(r -> changesWritten.incrementAndGet()));
            }
            for (String id : ids(self + "-late-", 20)) {
                writes.add(players.put(player(id, "L" + id.hashCode(), self))
                        .onComplete(r -> changesBeforeEachLogin.add(changesWritten.get())));
            }
            return writes;
        }));

        assertThat(changesBeforeEachLogin).hasSize(20)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2 * PlayerWrites.MAX_PER_WINDOW));
        await(onContext(() -> busy.stream().<Future<?>>map(players::remove).toList()));
        await(onContext(() -> ids(self + "-late-", 20).stream().<Future<?>>map(players::remove).toList()));
    }

    /**
     * Changes asked for again before they went out keep their place, so every player's change is written in its
     * turn, however often the counts of all of them change.
     */
    @Test
    void everyChangeIsWrittenWhileAllOfThemKeepChanging() {
        String self = node.crosstalk().nodes().selfId();
        PlayerRegistry players = node.crosstalk().players();
        List<String> busy = ids(self + "-churn-", 2_000);
        await(onContext(() -> busy.stream().<Future<?>>map(id -> players.put(player(id, "C" + id.hashCode(), self)))
                .toList()));
        Context sessions = node.vertx().getOrCreateContext();
        List<Future<?>> firstRound = new CopyOnWriteArrayList<>();
        AtomicLong churn = new AtomicLong();
        sessions.runOnContext(v -> {
            busy.forEach(id -> firstRound.add(players.put(counted(player(id, "C" + id.hashCode(), self)))));
            // every player's counts change again every 50 ms, more than the windows can write in that time
            churn.set(node.vertx().setPeriodic(50, t -> busy.forEach(id ->
                    players.put(counted(player(id, "C" + id.hashCode(), self))))));
        });
        try {
            eventually(Duration.ofSeconds(20), () -> assertThat(firstRound).hasSize(busy.size())
                    .allMatch(Future::succeeded));
        } finally {
            sessions.runOnContext(v -> node.vertx().cancelTimer(churn.get()));
        }
        await(onContext(() -> busy.stream().<Future<?>>map(players::remove).toList()));
    }

    private static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    /** {@code entry} with new traffic counts, as a relaying session's refresh puts it. */
    private static PlayerEntry counted(PlayerEntry entry) {
        return new PlayerEntry(entry.id(), entry.name(), entry.uuid(), entry.node(), entry.route(), entry.backend(),
                entry.address(), entry.protocol(), entry.encrypted(), entry.connectedAt(), System.nanoTime() & 0xFFFF,
                1);
    }

    /**
     * Puts a player and waits until the map has it. Windows go out one after the other, so by then every write
     * made before it was sent, or never will be.
     */
    private static String putMarker(PlayerRegistry players, String id) {
        String self = node.crosstalk().nodes().selfId();
        await(onContext(() -> List.of(players.put(player(id, "M" + Integer.toHexString(id.hashCode()), self)))));
        eventually(SOON, () -> assertThat(written).contains(id));
        return id;
    }

    /** The single member's operation counts: it runs every operation, so their growth is this node's writes. */
    private record Operations(long sets, long removals) {
        static Operations now() {
            return new Operations(map.getLocalMapStats().getSetOperationCount(),
                    map.getLocalMapStats().getRemoveOperationCount());
        }
    }

    /** Runs {@code writes} on a fresh context, as a session does; completes when all of them did. */
    private static Future<Void> onContext(Supplier<List<Future<?>>> writes) {
        return on(node.vertx().getOrCreateContext(), writes);
    }

    private static Future<Void> on(Context context, Supplier<List<Future<?>>> writes) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> Future.all(writes.get()).onComplete(r -> done.handle(r.mapEmpty())));
        return done.future();
    }

    /** Every key the map was written at (added or updated) or removed from, whoever wrote it. */
    private static final class Recorder implements EntryAddedListener<String, Object>,
            EntryUpdatedListener<String, Object>, EntryRemovedListener<String, Object> {
        @Override
        public void entryAdded(EntryEvent<String, Object> event) {
            written.add(event.getKey());
        }

        @Override
        public void entryUpdated(EntryEvent<String, Object> event) {
            written.add(event.getKey());
        }

        @Override
        public void entryRemoved(EntryEvent<String, Object> event) {
            written.add(event.getKey());
        }
    }
}
