package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.protocol.ProxyHeader;
import dev.gamma.testkit.Await;
import dev.gamma.testkit.Closing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access lists against real peers on loopback, where every 127.x.y.z is a distinct client address: the node's list
 * closes 127.0.0.3 at accept, the route guarded.test refuses 127.0.0.4, and 127.0.0.2 may go anywhere.
 */
class AccessListsTest {
    private static final String VERSION = "1.20.4";
    private static final String ALLOWED = "127.0.0.2";
    private static final String DENIED = "127.0.0.3";
    private static final String ROUTE_DENIED = "127.0.0.4";
    private static final String BALANCER = "127.0.0.6";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static BackendPeer backend;
    private static GammaFixture gamma;
    private static GammaFixture behindBalancer;
    private ConnectionLogs logs;

    @BeforeAll
    static void start() {
        Peers.assumeAvailable();
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        gamma = GammaFixture.start(config("[" + DENIED + "]"));
        behindBalancer = GammaFixture.start("""
                proxy-protocol: {enabled: true, trusted: [%s]}
                timeouts: {handshake: 10s, first-byte: 5s}
                access: {deny: [198.51.100.0/24, "2001:db8:bad::/48"]}
                """.formatted(BALANCER));
    }

    /** {@code deny}: the node's deny list; long greeting deadlines, so that a quick close can only be a denial. */
    private static String config(String deny) {
        return """
                timeouts: {handshake: 10s, first-byte: 5s}
                limits: {per-ip-rate: 1000, per-ip-burst: 1000}
                access: {deny: %s}
                routes:
                  - host: open.test
                    backend: 127.0.0.1:%d
                  - host: guarded.test
                    backend: 127.0.0.1:%d
                    access: {deny: [%s]}
                """.formatted(deny, backend.port(), backend.port(), ROUTE_DENIED);
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(gamma, behindBalancer, backend);
    }

    @BeforeEach
    void listen() {
        logs = new ConnectionLogs();
    }

    @AfterEach
    void detach() {
        logs.close();
    }

    @Test
    void aDeniedAddressIsClosedAtAcceptUnreadWhileAnotherLogsIn() throws Exception {
        int mark = logs.mark();
        try (RawClient silent = RawClient.connectFrom(DENIED, gamma.port())) {
            // the first-byte deadline is 5 s: a close now is the access list's, before any greeting
            assertThat(silent.closedWithin(2_000)).as("closed at accept").isTrue();
        }
        try (RawClient greeting = RawClient.connectFrom(DENIED, gamma.port())) {
            greeting.send(RawClient.login("open.test", 765, "Denied"));
            assertThat(greeting.readUntilClosed(3_000)).as("not one byte answered").isEmpty();
        }
        // the log's budget may be spent by an earlier flood: a later denied close then carries the line
        String line = Await.value(WAIT, "a denied line", () -> {
            deniedClose();
            return logs.linesSince(mark).stream().filter(l -> l.startsWith("denied client=" + DENIED)).findFirst()
                    .orElse(null);
        });
        assertThat(line).contains("in=0").contains("closed at accept").contains("refused by access");
        assertThat(logs.linesSince(mark)).noneMatch(l -> l.contains("user=Denied"));

        try (ClientPeer client = Peers.client(ClientOptions.of(gamma.port(), VERSION).withFakeHost("open.test")
                .withUsername("Allowed").withLocalAddress(ALLOWED))) {
            backend.awaitLogin("Allowed", Peers.TIMEOUT);
            client.await("login", Peers.TIMEOUT);
        }
        assertThat(gamma.node().scrapeMetrics()).containsPattern("gamma_access_denied_total\\{scope=\"global\"} [1-9]");
    }

    private static void deniedClose() {
        try (RawClient client = RawClient.connectFrom(DENIED, gamma.port())) {
            assertThat(client.closedWithin(2_000)).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFloodOfDeniedConnectionsLogsAFewLinesASecond() throws Exception {
        int mark = logs.mark();
        int flood = 300;
        long started = System.nanoTime();
        for (int i = 0; i < flood; i++) {
            deniedClose();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;

        long lines = logs.linesSince(mark).stream().filter(l -> l.startsWith("denied ")).count();
        assertThat(lines).isPositive().isLessThanOrEqualTo(10 * (seconds + 1)).isLessThan(flood);
    }

    @Test
    void aRoutesListRefusesTheLoginWithADisconnectAndClosesItsPingUnanswered() {
        int mark = logs.mark();
        try (ClientPeer refused = Peers.client(ClientOptions.of(gamma.port(), VERSION).withFakeHost("guarded.test")
                .withUsername("RouteDenied").withLocalAddress(ROUTE_DENIED))) {
            assertThat(refused.await("kicked", Peers.TIMEOUT).getString("reason"))
                    .isEqualTo("You are not allowed to join this server.");
        }
        String line = logs.awaitLine(mark, WAIT, "a denied login", l -> l.contains("user=RouteDenied"));
        assertThat(line).startsWith("denied client=" + ROUTE_DENIED).contains("route=guarded.test");
        assertThatThrownBy(() -> Peers.ping("127.0.0.1", gamma.port(), "guarded.test", VERSION, ROUTE_DENIED))
                .as("a refused address learns nothing of the server").isInstanceOf(AssertionError.class);

        // the same address on another route, and another address on this one, get through
        try (ClientPeer elsewhere = Peers.client(ClientOptions.of(gamma.port(), VERSION).withFakeHost("open.test")
                .withUsername("Elsewhere").withLocalAddress(ROUTE_DENIED))) {
            backend.awaitLogin("Elsewhere", Peers.TIMEOUT);
            elsewhere.await("login", Peers.TIMEOUT);
        }
        try (ClientPeer other = Peers.client(ClientOptions.of(gamma.port(), VERSION).withFakeHost("guarded.test")
                .withUsername("Welcome").withLocalAddress(ALLOWED))) {
            backend.awaitLogin("Welcome", Peers.TIMEOUT);
            other.await("login", Peers.TIMEOUT);
        }
        assertThat(Peers.ping("127.0.0.1", gamma.port(), "guarded.test", VERSION, ALLOWED).containsKey("version"))
                .isTrue();
        assertThat(gamma.node().scrapeMetrics()).containsPattern("gamma_access_denied_total\\{scope=\"route\"} [1-9]");
    }

    @Test
    void behindAProxyTheHeadersAddressIsTheOneChecked() throws Exception {
        int mark = logs.mark();
        InetSocketAddress listener = new InetSocketAddress("127.0.0.1", behindBalancer.port());
        try (RawClient denied = RawClient.connectFrom(BALANCER, behindBalancer.port())) {
            denied.send(RawClient.concat(ProxyHeader.v1(new InetSocketAddress("198.51.100.7", 4444), listener),
                    RawClient.login("nowhere.test", 765, "Hidden")));
            assertThat(denied.readUntilClosed(3_000)).as("closed after the header, unanswered").isEmpty();
        }
        try (RawClient denied6 = RawClient.connectFrom(BALANCER, behindBalancer.port())) {
            denied6.send(RawClient.concat(ProxyHeader.v2(new InetSocketAddress("2001:db8:bad::9", 4444),
                    new InetSocketAddress("2001:db8::1", 25565)), RawClient.login("nowhere.test", 765, "Hidden6")));
            assertThat(denied6.readUntilClosed(3_000)).isEmpty();
        }
        String line = logs.awaitLine(mark, WAIT, "a denied line", l -> l.startsWith("denied client=198.51.100.7"));
        assertThat(line).contains("closed after its PROXY header").contains("in=0");
        logs.awaitLine(mark, WAIT, "a denied IPv6 line", l -> l.startsWith("denied client=2001:db8:bad:0:0:0:0:9"));

        // the balancer itself is not in the list, and another client behind it is served
        try (RawClient admitted = RawClient.connectFrom(BALANCER, behindBalancer.port())) {
            admitted.send(RawClient.concat(ProxyHeader.v2(new InetSocketAddress("203.0.113.9", 4444), listener),
                    RawClient.login("nowhere.test", 765, "Honest")));
            assertThat(admitted.readLoginDisconnect()).contains("There is no server at nowhere.test");
        }
    }

    @Test
    void aReloadOfTheFileChangesTheNodesListWithoutARestart() throws Exception {
        try {
            gamma.reload(config("[" + ALLOWED + "]"));
            try (RawClient now = RawClient.connectFrom(ALLOWED, gamma.port())) {
                assertThat(now.closedWithin(2_000)).as("denied since the reload").isTrue();
            }
            try (RawClient before = RawClient.connectFrom(DENIED, gamma.port())) {
                before.sendLogin("nowhere.test", 765, "Readmitted");
                assertThat(before.readLoginDisconnect()).contains("There is no server at nowhere.test");
            }
        } finally {
            gamma.reload(config("[" + DENIED + "]"));
        }
    }
}
