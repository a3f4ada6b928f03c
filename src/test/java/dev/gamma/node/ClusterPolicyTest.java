package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.ClusterCommands;
import dev.gamma.cluster.PlayerEntry;
import dev.gamma.cluster.PlayerRegistry;
import dev.gamma.cluster.StandaloneCrosstalk;
import dev.gamma.node.ClusterPolicy.DuplicateLogin;
import dev.gamma.relay.LoginPolicy.Admission;
import dev.gamma.relay.SessionInfo;
import dev.gamma.route.Backend;
import dev.gamma.route.FallbackStatus;
import dev.gamma.route.Route;
import dev.gamma.route.StatusPlayers;
import dev.gamma.route.Strategy;
import dev.gamma.testkit.Allocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a login whose name is already online gets under each {@code duplicate-login} rule, and what it costs. */
class ClusterPolicyTest {
    private static final Route LOBBY = route(0);
    /** Room for two players. */
    private static final Route SMALL = route(2);

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private PlayerRegistry players;
    private final List<List<PlayerEntry>> kicked = new ArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        players = new StandaloneCrosstalk(vertx, dataDir).players();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void kickOldLetsTheNewLoginInAndKicksExactlyTheOldSessions() {
        players.put(steve("p-1", "Steve"));
        players.put(steve("p-2", "alex"));

        assertThat(policy(DuplicateLogin.KICK_OLD).admit(LOBBY, login("STEVE")).allowed()).isTrue();

        assertThat(kicked).singleElement().satisfies(sessions ->
                assertThat(sessions).extracting(PlayerEntry::id).containsExactly("p-1"));
    }

    @Test
    void denyNewRefusesTheSecondLoginOfANameWhateverItsCase() {
        players.put(steve("p-1", "Steve"));

        Admission second = policy(DuplicateLogin.DENY_NEW).admit(LOBBY, login("steve"));
        Admission other = policy(DuplicateLogin.DENY_NEW).admit(LOBBY, login("Alex"));

        assertThat(second.allowed()).isFalse();
        assertThat(second.reason()).isEqualTo(ClusterPolicy.ALREADY_ONLINE);
        assertThat(other.allowed()).isTrue();
        assertThat(kicked).isEmpty();
    }

    /**
     * Under {@code allow} a crowd of bots may share one name; a login among 20,000 Steves neither kicks nor copies
     * them, where listing them for each login would allocate some 80 KB a time.
     */
    @Test
    void allowLetsEveryoneInWithoutLookingAtTheCrowdOfTheName() {
        for (int i = 0; i < 20_000; i++) {
            players.put(steve("p-" + i, "Steve"));
        }
        ClusterPolicy policy = policy(DuplicateLogin.ALLOW);
        SessionInfo steve = login("Steve");

        assertThat(policy.admit(LOBBY, steve).allowed()).isTrue();
        Allocation.atMost(100_000, "a hundred logins of a name 20,000 players share", () -> {
            for (int i = 0; i < 100; i++) {
                policy.admit(LOBBY, steve);
            }
        });
        assertThat(kicked).isEmpty();
    }

    /**
     * Logins admitted at the same moment (their backends still connecting, or held while a server wakes) take the
     * route's places one by one; a place comes back when its login ends without playing, and a player who is in
     * the registry holds it from there.
     */
    @Test
    void loginsAdmittedTogetherTakeTheRoutesPlacesOneByOne() {
        ClusterPolicy policy = policy(DuplicateLogin.KICK_OLD);
        Admission first = policy.admit(SMALL, login("First"));
        Admission second = policy.admit(SMALL, login("Second"));
        Admission third = policy.admit(SMALL, login("Third"));

        assertThat(List.of(first.allowed(), second.allowed(), third.allowed())).containsExactly(true, true, false);
        assertThat(third.reason()).isEqualTo("This server is full (2 players). Try again later.");

        first.settled().run(); // its backend refused it: the place is free again
        Admission fourth = policy.admit(SMALL, login("Fourth"));
        assertThat(fourth.allowed()).isTrue();

        players.put(steve("p-4", "Fourth")); // it plays: the registry counts it from now on
        fourth.settled().run();
        assertThat(policy.admit(SMALL, login("Fifth")).allowed()).isFalse();
        second.settled().run();
        assertThat(policy.admit(SMALL, login("Sixth")).allowed()).isTrue();
    }

    /** Under {@code deny-new}, of two logins of one name admitted together, the second is refused. */
    @Test
    void denyNewRefusesASecondLoginOfANameThatIsNotYetAPlayer() {
        ClusterPolicy policy = policy(DuplicateLogin.DENY_NEW);
        Admission first = policy.admit(LOBBY, login("Steve"));
        Admission second = policy.admit(LOBBY, login("STEVE"));

        assertThat(first.allowed()).isTrue();
        assertThat(second.allowed()).isFalse();
        assertThat(second.reason()).isEqualTo(ClusterPolicy.ALREADY_ONLINE);

        first.settled().run(); // it ended before it played
        assertThat(policy.admit(LOBBY, login("steve")).allowed()).isTrue();
    }

    /** A login refused for its name gives back the place it took under the route's limit. */
    @Test
    void aLoginRefusedForItsNameHoldsNoPlace() {
        ClusterPolicy policy = policy(DuplicateLogin.DENY_NEW);
        players.put(steve("p-1", "Steve"));
        for (int i = 0; i < 5; i++) {
            assertThat(policy.admit(SMALL, login("Steve")).allowed()).isFalse();
        }
        assertThat(policy.admit(SMALL, login("Alex")).allowed()).isTrue();
    }

    private ClusterPolicy policy(DuplicateLogin rule) {
        return new ClusterPolicy(players, new KickRecorder(), () -> rule);
    }

    private static Route route(int maxPlayers) {
        return new Route("lobby", List.of("play.test"), List.of(new Backend("127.0.0.1", 25566)), Strategy.FIRST,
                "none", "", maxPlayers, Duration.ofSeconds(10), new FallbackStatus("offline", "", "", 0, 0), "down",
                List.of(), false, "none", false, StatusPlayers.BACKEND);
    }

    private static SessionInfo login(String name) {
        return new SessionInfo("203.0.113.9:50000", "play.test", "lobby", "127.0.0.1:25566", name, null, 767);
    }

    private static PlayerEntry steve(String id, String name) {
        return new PlayerEntry(id, name, "", "node-1", "lobby", "127.0.0.1:25566", "203.0.113.9:50000", 767, false,
                0, 0, 0);
    }

    /** Records which sessions the policy kicks; nothing else is asked of it. */
    private final class KickRecorder implements ClusterCommands {
        @Override
        public Future<Integer> kickSessions(List<PlayerEntry> sessions, String reason) {
            assertThat(reason).isEqualTo(ClusterPolicy.KICKED_BY_NEW_LOGIN);
            kicked.add(List.copyOf(sessions));
            return Future.succeededFuture(sessions.size());
        }

        @Override
        public Future<Integer> kick(String name, String reason) {
            throw new AssertionError("a login policy kicks sessions by id");
        }

        @Override
        public Future<BroadcastResult> broadcast(String message) {
            throw new AssertionError("not a policy's business");
        }

        @Override
        public Future<Long> drain(String nodeId, Duration within) {
            throw new AssertionError("not a policy's business");
        }

        @Override
        public Future<Void> resume(String nodeId) {
            throw new AssertionError("not a policy's business");
        }
    }
}
