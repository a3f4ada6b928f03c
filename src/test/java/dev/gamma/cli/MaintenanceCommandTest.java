package dev.gamma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.testkit.Await;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `gamma maintenance` against a real node, with real clients on the route. */
class MaintenanceCommandTest {
    private static final Duration WAIT = Peers.TIMEOUT;
    private static final String TOKEN = "maintenance-token";
    private static BackendPeer backend;
    private static LiveNode node;

    @BeforeAll
    static void start() {
        Peers.assumeAvailable();
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        node = LiveNode.start("""
                routes:
                  - host: play.test
                    backend: 127.0.0.1:%1$d
                    inspect: true
                  - host: other.test
                    backend: 127.0.0.1:%1$d
                    inspect: true
                """.formatted(backend.port()), TOKEN);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void onKicksTheOthersRefusesNewOnesAndShowsItselfAndOffLetsThemIn() {
        try (ClientPeer guest = client("play.test", "Guest"); ClientPeer staff = client("play.test", "Staff");
                ClientPeer elsewhere = client("other.test", "Elsewhere")) {
            guest.await("login", WAIT);
            staff.await("login", WAIT);
            elsewhere.await("login", WAIT);

            Gamma on = gamma("maintenance", "Play.Test", "on", "--allow", "staff", "--message", "Back at six",
                    "--motd", "Upgrading", "--kick-current");

            assertThat(on.code()).as(on.err()).isZero();
            assertThat(on.out()).contains("maintenance on for Play.Test (1 name(s) allowed)");
            assertThat(guest.await("kicked", WAIT).getString("reason")).isEqualTo("Back at six");
            try (ClientPeer again = client("play.test", "Guest")) {
                assertThat(again.await("kicked", WAIT).getString("reason")).isEqualTo("Back at six");
            }
            JsonObject status = Peers.ping("127.0.0.1", node.proxyPort(), "play.test", "1.21.4");
            assertThat(status.getJsonObject("version").getString("name")).isEqualTo("Maintenance");
            assertThat(status.getJsonObject("version").getInteger("protocol")).isEqualTo(-1);
            assertThat(status.getValue("description").toString()).contains("Upgrading");
            String line = gamma("routes").out().lines().filter(l -> l.startsWith("play.test")).findFirst().orElseThrow();
            assertThat(line).endsWith("on");
            assertThat(node.node().scrapeMetrics()).containsPattern("gamma_connections_total\\{[^}]*outcome=\"maintenance\"");
            assertThat(staff.isAlive()).isTrue();
            assertThat(staff.events()).noneMatch(e -> "kicked".equals(e.getString("event")));
            assertThat(elsewhere.events()).noneMatch(e -> "kicked".equals(e.getString("event")));

            assertThat(gamma("maintenance", "play.test", "off").code()).isZero();
            try (ClientPeer back = client("play.test", "Guest")) {
                back.await("login", WAIT);
            }
            assertThat(Peers.ping("127.0.0.1", node.proxyPort(), "play.test", "1.21.4")
                    .getJsonObject("version").getString("name")).isNotEqualTo("Maintenance");
        }
    }

    @Test
    void badUsageIsExitCode2AndARefusedNameIs1() {
        Gamma maybe = gamma("maintenance", "play.test", "maybe");
        assertThat(maybe.code()).isEqualTo(2);
        assertThat(maybe.err()).contains("maybe");

        Gamma badName = gamma("maintenance", "play.test", "on", "--allow", "no such name");
        assertThat(badName.code()).isEqualTo(1);
        assertThat(badName.err()).contains("allow[0]: not a player name");

        Gamma noRoute = gamma("maintenance", "nowhere.test", "on");
        assertThat(noRoute.code()).isEqualTo(1);
        assertThat(noRoute.err()).contains("no route for host nowhere.test");
    }

    private static Gamma gamma(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        System.arraycopy(new String[] {"--api", node.api(), "--token", TOKEN}, 0, all, args.length, 4);
        return Gamma.run(all);
    }

    private static ClientPeer client(String host, String name) {
        return Peers.client(ClientOptions.of(node.proxyPort(), "1.21.4").withFakeHost(host).withUsername(name));
    }
}
