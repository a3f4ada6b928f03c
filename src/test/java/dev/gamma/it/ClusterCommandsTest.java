package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.ClusterCommands.BroadcastResult;
import dev.gamma.cluster.PlayerEntry;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kick, broadcast, the player registry and the login policies on one node, with real clients. */
class ClusterCommandsTest {
    private static final Duration WAIT = Peers.TIMEOUT;
    private static BackendPeer backend;
    private static GammaFixture gamma;

    @BeforeAll
    static void start() {
        Peers.assumeAvailable();
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        gamma = GammaFixture.start("""
                routes:
                  - host: framed.test
                    backend: 127.0.0.1:%1$d
                    inspect: true
                  - host: raw.test
                    backend: 127.0.0.1:%1$d
                  - host: [small.test, small2.test]
                    backend: 127.0.0.1:%1$d
                    max-players: 1
                """.formatted(backend.port()));
    }

    @AfterAll
    static void stop() {
        if (gamma != null) {
            gamma.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void registryListsRoutedPlayersWithTheirDetailsAndForgetsThemOnDisconnect() {
        try (ClientPeer client = client("framed.test", "Registered")) {
            client.await("login", WAIT);
            PlayerEntry entry = Await.value(WAIT, "registry entry", () -> online("Registered"));
            assertThat(entry.route()).isEqualTo("framed.test");
            assertThat(entry.backend()).isEqualTo("127.0.0.1:" + backend.port());
            assertThat(entry.address()).isEqualTo("127.0.0.1");
            assertThat(entry.protocol()).isEqualTo(769);
            assertThat(entry.node()).isEqualTo(gamma.node().crosstalk().nodes().selfId());
            assertThat(entry.uuid()).isNotEmpty();
        }
        Await.until(WAIT, "entry removed", () -> online("Registered") == null);
    }

    @Test
    void kickByNameEndsTheSessionWithTheReason() {
        try (ClientPeer client = client("framed.test", "KickMe")) {
            client.await("login", WAIT);
            Await.until(WAIT, "registered", () -> online("KickMe") != null);
            assertThat(Await.await(gamma.node().commands().kick("kickme", "Bye from the operator"))).isEqualTo(1);
            assertThat(client.await("kicked", WAIT).getString("reason")).isEqualTo("Bye from the operator");
        }
        assertThat(Await.await(gamma.node().commands().kick("Nobody", "x"))).isZero();
    }

    @Test
    void broadcastReachesReadableSessionsAndCountsTheOthers() {
        try (ClientPeer framed = client("framed.test", "Reader");
                ClientPeer raw = client("raw.test", "Opaque")) {
            framed.await("login", WAIT);
            raw.await("login", WAIT);
            Await.until(WAIT, "both registered", () -> online("Reader") != null && online("Opaque") != null);
            BroadcastResult result = Await.await(gamma.node().commands().broadcast("Server restarts soon"));
            assertThat(result.reached()).isGreaterThanOrEqualTo(1);
            assertThat(result.unreachable()).isGreaterThanOrEqualTo(1);
            framed.await(e -> "Server restarts soon".equals(e.getString("text")), "broadcast", WAIT);
        }
    }

    @Test
    void maxPlayersCountsEveryHostOfTheRoute() {
        try (ClientPeer first = client("small.test", "FirstIn")) {
            first.await("login", WAIT);
            Await.until(WAIT, "registered", () -> online("FirstIn") != null);
            try (ClientPeer second = client("small2.test", "SecondIn")) {
                assertThat(second.await("kicked", WAIT).getString("reason")).contains("This server is full (1 players)");
            }
        }
    }

    @Test
    void secondLoginWithTheSameNameKicksTheFirst() {
        try (ClientPeer first = client("framed.test", "Twice")) {
            first.await("login", WAIT);
            Await.until(WAIT, "registered", () -> online("Twice") != null);
            try (ClientPeer second = client("framed.test", "Twice")) {
                second.await("login", WAIT);
                assertThat(first.await("kicked", WAIT).getString("reason")).isEqualTo("You logged in from another location.");
                Await.until(WAIT, "one session left", () -> sessions("Twice") == 1);
            }
        }
    }

    private static ClientPeer client(String host, String name) {
        return Peers.client(ClientOptions.of(gamma.port(), "1.21.4").withFakeHost(host).withUsername(name));
    }

    private static PlayerEntry online(String name) {
        return gamma.node().crosstalk().players().snapshot().stream()
                .filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    private static long sessions(String name) {
        List<PlayerEntry> all = gamma.node().crosstalk().players().snapshot();
        return all.stream().filter(e -> e.name().equals(name)).count();
    }
}
