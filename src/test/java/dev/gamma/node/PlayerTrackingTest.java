package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PlayerTrackingTest {

    @Test
    void aSessionEndingWhileItIsReassertedIsNotPutBack() throws Exception {
        GatedRegistry registry = new GatedRegistry();
        PlayerSession session = new Session("node-1-7");
        PlayerTracking tracking = new PlayerTracking(new FakeCrosstalk(registry), holding(session), c -> { });
        tracking.started(session);

        registry.gate = new CountDownLatch(1);
        Thread reassert = new Thread(tracking::reassert);
        reassert.start();
        registry.entered.await(5, TimeUnit.SECONDS); // the re-assertion holds the entry and is inside put
        Thread end = new Thread(() -> tracking.ended(session));
        end.start();
        end.join(200); // the removal comes while the put is under way
        registry.gate.countDown();
        reassert.join(5_000);
        end.join(5_000);

        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void reassertPutsOnlySessionsThatHaveNotEnded() {
        GatedRegistry registry = new GatedRegistry();
        PlayerSession staying = new Session("node-1-1");
        PlayerSession leaving = new Session("node-1-2");
        PlayerTracking tracking =
                new PlayerTracking(new FakeCrosstalk(registry), holding(staying, leaving), c -> { });
        tracking.started(staying);
        tracking.started(leaving);
        tracking.ended(leaving);
        tracking.reassert();
        assertThat(registry.snapshot()).extracting(PlayerEntry::id).containsExactly("node-1-1");
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
        private final Session session;

        KickedSession(String id) {
            this.session = new Session(id);
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

    private record Session(String id) implements PlayerSession {
        @Override
        public SessionSnapshot snapshot() {
            return new SessionSnapshot(
                    new SessionInfo("127.0.0.1", "play.test", "play.test", "127.0.0.1:25566", "Steve", null, 769),
                    SessionSnapshot.Stage.RELAYING, false);
        }

        @Override
        public SessionTraffic traffic() {
            return new SessionTraffic();
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
