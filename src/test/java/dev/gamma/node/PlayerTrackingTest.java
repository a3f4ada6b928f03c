package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.ActionClaims;
import dev.gamma.cluster.ClusterRejections;
import dev.gamma.cluster.CommandSeal;
import dev.gamma.cluster.Crosstalk;
import dev.gamma.cluster.NodeDirectory;
import dev.gamma.cluster.NodeInfo;
import dev.gamma.cluster.PlayerEntry;
import dev.gamma.cluster.PlayerRegistry;
import dev.gamma.cluster.RouteStore;
import dev.gamma.cluster.SharedTable;
import dev.gamma.relay.LocalPlayers;
import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.SessionInfo;
import dev.gamma.relay.SessionSnapshot;
import dev.gamma.relay.SessionTraffic;
import dev.gamma.relay.Traffic;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlayerTrackingTest {

    @Test
    void aSessionEndingWhileItIsRefreshedIsNotPutBack() throws Exception {
        GatedRegistry registry = new GatedRegistry();
        LiveSession session = new LiveSession("node-1-7");
        PlayerTracking tracking = new PlayerTracking(new FakeCrosstalk(registry), holding(session), c -> { });
        tracking.started(session);
        Traffic.add(session.traffic(), 10, 10); // changed, so the refresh puts it

        registry.gate = new CountDownLatch(1);
        Thread refresh = new Thread(tracking::refresh);
        refresh.start();
        assertThat(registry.entered.await(5, TimeUnit.SECONDS)).isTrue(); // the refresh holds the entry, inside put
        Thread end = new Thread(() -> tracking.ended(session));
        end.start();
        end.join(200); // the removal comes while the put is under way
        registry.gate.countDown();
        refresh.join(5_000);
        end.join(5_000);

        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void aChangeReportedAfterTheEndIsNotPut() {
        GatedRegistry registry = new GatedRegistry();
        LiveSession session = new LiveSession("node-1-8");
        PlayerTracking tracking = new PlayerTracking(new FakeCrosstalk(registry), holding(session), c -> { });
        tracking.started(session);
        tracking.ended(session);
        session.encrypt();
        tracking.changed(session);
        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void refreshPutsOnlySessionsThatHaveNotEnded() {
        GatedRegistry registry = new GatedRegistry();
        LiveSession staying = new LiveSession("node-1-1");
        LiveSession leaving = new LiveSession("node-1-2");
        PlayerTracking tracking =
                new PlayerTracking(new FakeCrosstalk(registry), holding(staying, leaving), c -> { });
        tracking.started(staying);
        tracking.started(leaving);
        tracking.ended(leaving);
        Traffic.add(staying.traffic(), 1, 1);
        Traffic.add(leaving.traffic(), 1, 1);
        tracking.refresh();
        assertThat(registry.snapshot()).extracting(PlayerEntry::id).containsExactly("node-1-1");
    }

    @Test
    void encryptionIsPutTheMomentItIsReportedWithTheBytesSoFar() {
        GatedRegistry registry = new GatedRegistry();
        LiveSession session = new LiveSession("node-1-3");
        PlayerTracking tracking = new PlayerTracking(new FakeCrosstalk(registry), holding(session), c -> { });
        tracking.started(session);
        assertThat(registry.entries.get("node-1-3").encrypted()).isFalse();

        Traffic.add(session.traffic(), 700, 1_200);
        session.encrypt();
        tracking.changed(session);

        PlayerEntry entry = registry.entries.get("node-1-3");
        assertThat(entry.encrypted()).isTrue();
        assertThat(entry.bytesIn()).isEqualTo(700);
        assertThat(entry.bytesOut()).isEqualTo(1_200);
    }

    @Test
    void refreshPutsTheSessionsWhoseBytesMovedAndLeavesIdleOnesAlone() {
        GatedRegistry registry = new GatedRegistry();
        LiveSession[] sessions = IntStream.range(0, 10_000).mapToObj(i -> new LiveSession("node-1-" + i))
                .toArray(LiveSession[]::new);
        PlayerTracking tracking = new PlayerTracking(new FakeCrosstalk(registry), holding(sessions), c -> { });
        Arrays.stream(sessions).forEach(tracking::started);
        assertThat(registry.puts.get()).isEqualTo(10_000);

        tracking.refresh();
        assertThat(registry.puts.get()).as("nothing moved: nothing put").isEqualTo(10_000);

        Traffic.add(sessions[42].traffic(), 5, 0);
        Traffic.add(sessions[4_242].traffic(), 0, 9);
        tracking.refresh();
        assertThat(registry.puts.get()).isEqualTo(10_002);
        assertThat(registry.entries.get("node-1-42").bytesIn()).isEqualTo(5);
        assertThat(registry.entries.get("node-1-4242").bytesOut()).isEqualTo(9);

        tracking.refresh();
        assertThat(registry.puts.get()).isEqualTo(10_002);
    }

    @Test
    void aPlayerSendingWithoutPauseCostsOnePutPerRefresh() {
        GatedRegistry registry = new GatedRegistry();
        LiveSession session = new LiveSession("node-1-5");
        PlayerTracking tracking = new PlayerTracking(new FakeCrosstalk(registry), holding(session), c -> { });
        tracking.started(session);
        for (int packet = 0; packet < 10_000; packet++) {
            Traffic.add(session.traffic(), 3, 0);
        }
        tracking.refresh();
        assertThat(registry.puts.get()).isEqualTo(2);
        assertThat(registry.entries.get("node-1-5").bytesIn()).isEqualTo(30_000);
    }

    @Test
    void aChangeThatChangesNothingIsNotPut() {
        GatedRegistry registry = new GatedRegistry();
        LiveSession session = new LiveSession("node-1-4");
        PlayerTracking tracking = new PlayerTracking(new FakeCrosstalk(registry), holding(session), c -> { });
        tracking.started(session);
        for (int i = 0; i < 1_000; i++) { // a session told of the same change over and over
            tracking.changed(session);
        }
        assertThat(registry.puts.get()).isEqualTo(1);
    }

    @Test
    void kickEndsOnlyTheNamedSessionsOnceEachAndCountsThoseThisNodeHolds() {
        KickedSession first = new KickedSession("node-1-1");
        KickedSession second = new KickedSession("node-1-2");
        KickedSession other = new KickedSession("node-1-3");
        PlayerTracking tracking = new PlayerTracking(new FakeCrosstalk(new GatedRegistry()),
                holding(first, second, other), c -> { });

        Future<Integer> kicked = tracking.kick(List.of("node-1-2", "node-1-1", "node-1-2", "node-2-9"), "bye");

        assertThat(kicked.result()).isEqualTo(2);
        assertThat(first.reasons).containsExactly("bye");
        assertThat(second.reasons).containsExactly("bye");
        assertThat(other.reasons).isEmpty();
    }

    private static LocalPlayers holding(PlayerSession... sessions) {
        return new LocalPlayers() {
            @Override
            public List<PlayerSession> all() {
                return List.of(sessions);
            }

            @Override
            public Optional<PlayerSession> byId(String sessionId) {
                return Arrays.stream(sessions).filter(s -> s.id().equals(sessionId)).findFirst();
            }
        };
    }

    /** A registry whose put can be held at a gate, to line up a race. */
    private static final class GatedRegistry implements PlayerRegistry {
        final Map<String, PlayerEntry> entries = new ConcurrentHashMap<>();
        final AtomicInteger puts = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch gate;

        @Override
        public Future<Void> put(PlayerEntry entry) {
            CountDownLatch waitFor = gate;
            if (waitFor != null) {
                entered.countDown();
                try {
                    waitFor.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            entries.put(entry.id(), entry);
            puts.incrementAndGet();
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> remove(String id) {
            entries.remove(id);
            return Future.succeededFuture();
        }

        @Override
        public List<PlayerEntry> snapshot() {
            return List.copyOf(entries.values());
        }

        @Override
        public int onRoute(String route) {
            return (int) entries.values().stream().filter(e -> e.route().equals(route)).count();
        }

        @Override
        public List<PlayerEntry> sampleOnRoute(String route, int limit) {
            return entries.values().stream().filter(e -> e.route().equals(route)).limit(limit).toList();
        }

        @Override
        public int elsewhereOnBackend(String backend) {
            return 0;
        }

        @Override
        public List<PlayerEntry> named(String name) {
            return entries.values().stream().filter(e -> e.name().equalsIgnoreCase(name)).toList();
        }

        @Override
        public Future<Integer> removeNode(String nodeId) {
            return Future.succeededFuture(0);
        }
    }

    private record FakeCrosstalk(PlayerRegistry players) implements Crosstalk {
        @Override
        public SharedTable table(SharedTable.Name name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RouteStore routes() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ClusterRejections rejections() {
            return new ClusterRejections();
        }

        @Override
        public CommandSeal commandSeal() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ActionClaims claims() {
            return ActionClaims.alone();
        }

        @Override
        public NodeDirectory nodes() {
            return new NodeDirectory() {
                @Override
                public String selfId() {
                    return "node-1";
                }

                @Override
                public List<NodeInfo> nodes() {
                    return List.of();
                }
            };
        }

        @Override
        public Future<Void> announce(NodeInfo self) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> leave() {
            return Future.succeededFuture();
        }
    }

    /** A session that records the kicks it gets. */
    private static final class KickedSession implements PlayerSession {
        final List<String> reasons = new java.util.ArrayList<>();
        private final RelayingSession session;

        KickedSession(String id) {
            this.session = new RelayingSession(id);
        }

        @Override
        public String id() {
            return session.id();
        }

        @Override
        public SessionSnapshot snapshot() {
            return session.snapshot();
        }

        @Override
        public SessionTraffic traffic() {
            return session.traffic();
        }

        @Override
        public long connectedAt() {
            return 0;
        }

        @Override
        public Future<Boolean> kick(String reason) {
            reasons.add(reason);
            return Future.succeededFuture(true);
        }

        @Override
        public Future<Boolean> sendChat(String text) {
            return Future.succeededFuture(false);
        }
    }

    /** A relaying session whose bytes and encryption move as a test says. */
    private static final class LiveSession implements PlayerSession {
        private final String id;
        private final SessionTraffic traffic = new SessionTraffic();
        private volatile SessionSnapshot snapshot = new SessionSnapshot(
                new SessionInfo("127.0.0.1", "play.test", "play.test", "127.0.0.1:25566", "Alex", null, 769),
                SessionSnapshot.Stage.RELAYING, false);

        LiveSession(String id) {
            this.id = id;
        }

        void encrypt() {
            snapshot = new SessionSnapshot(snapshot.info(), snapshot.stage(), true);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public SessionSnapshot snapshot() {
            return snapshot;
        }

        @Override
        public SessionTraffic traffic() {
            return traffic;
        }

        @Override
        public long connectedAt() {
            return 0;
        }

        @Override
        public Future<Boolean> kick(String reason) {
            return Future.succeededFuture(false);
        }

        @Override
        public Future<Boolean> sendChat(String text) {
            return Future.succeededFuture(false);
        }
    }
}
