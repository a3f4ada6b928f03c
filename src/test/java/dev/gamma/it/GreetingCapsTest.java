package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.ProxyHeader;
import dev.gamma.protocol.StatusPackets;
import dev.gamma.testkit.Await;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Connections still in their greeting are capped per address and per node, and one that sends nothing at all is
 * closed at the first-byte deadline: a flood of silent sockets holds a bounded number of descriptors while other
 * addresses still get an answer.
 */
class GreetingCapsTest {

    @Test
    void oneAddressHoldsAtMostMaxGreetingPerIpSilentConnectionsAndOthersStillGetIn() throws Exception {
        try (LogLines log = new LogLines();
                GammaFixture gamma = GammaFixture.start("""
                        timeouts: {handshake: 5s, first-byte: 5s}
                        limits: {per-ip-rate: 1000, per-ip-burst: 1000, max-greeting-per-ip: 3}
                        unknown-host: {motd: "Still answering"}
                        """)) {
            List<RawClient> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    silent.add(RawClient.connectFrom("127.0.0.2", gamma.port()));
                }
                Await.until(java.time.Duration.ofSeconds(2), "3 in their greeting",
                        () -> gamma.node().greetingConnections() == 3);
                try (RawClient fourth = RawClient.connectFrom("127.0.0.2", gamma.port())) {
                    assertThat(fourth.closedWithin(1_000)).as("closed at accept").isTrue();
                }
                for (RawClient client : silent) {
                    assertThat(client.closedWithin(100)).as("the first three are still open").isFalse();
                }
                assertThat(status(gamma, "127.0.0.3")).contains("Still answering");
                Await.until(java.time.Duration.ofSeconds(2), "the close logged", () -> log.connections()
                        .stream().anyMatch(l -> l.startsWith("rate-limited client=127.0.0.2 ")
                                && l.contains("closed at accept: the address has limits.max-greeting-per-ip")));
            } finally {
                for (RawClient client : silent) {
                    client.close();
                }
            }
        }
    }

    @Test
    void theNodeHoldsAtMostMaxGreetingConnectionsInTheirGreeting() throws Exception {
        try (GammaFixture gamma = GammaFixture.start("""
                timeouts: {handshake: 5s, first-byte: 5s}
                limits: {max-greeting: 4}
                """)) {
            List<RawClient> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    silent.add(RawClient.connectFrom("127.0.1." + (i + 1), gamma.port()));
                }
                Await.until(java.time.Duration.ofSeconds(2), "4 in their greeting",
                        () -> gamma.node().greetingConnections() == 4);
                try (RawClient fifth = RawClient.connectFrom("127.0.1.9", gamma.port())) {
                    assertThat(fifth.closedWithin(1_000)).as("closed at accept").isTrue();
                }
                silent.remove(0).close();
                Await.until(java.time.Duration.ofSeconds(2), "a place freed",
                        () -> gamma.node().greetingConnections() == 3);
                assertThat(status(gamma, "127.0.1.9")).contains("Unknown host");
            } finally {
                for (RawClient client : silent) {
                    client.close();
                }
            }
        }
    }

    @Test
    void behindALoadBalancerAnUntrustedPeerTakesNoPlaceInTheGreeting() throws Exception {
        try (LogLines log = new LogLines();
                GammaFixture gamma = GammaFixture.start("""
                        timeouts: {handshake: 5s, first-byte: 5s}
                        proxy-protocol: {enabled: true, trusted: [127.0.0.5]}
                        limits: {max-greeting: 4}
                        """)) {
            List<RawClient> strangers = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    RawClient stranger = RawClient.connectFrom("127.0.0.9", gamma.port());
                    strangers.add(stranger);
                    assertThat(stranger.closedWithin(1_000)).as("closed at accept").isTrue();
                }
                assertThat(gamma.node().greetingConnections()).isZero();
                try (RawClient balancer = RawClient.connectFrom("127.0.0.5", gamma.port())) {
                    balancer.send(RawClient.concat(ProxyHeader.v1(new InetSocketAddress("203.0.113.7", 40000),
                                    new InetSocketAddress("127.0.0.1", gamma.port())),
                            new Handshake(769, "x.example", 25565, Handshake.STATUS).encode(),
                            StatusPackets.requestFrame()));
                    assertThat(StatusPackets.readResponse(balancer.readFrame())).contains("Unknown host");
                }
                Await.until(java.time.Duration.ofSeconds(2), "the closes logged once", () -> log.connections()
                        .stream().filter(l -> l.startsWith("untrusted-proxy client=127.0.0.9 ")).count() >= 1);
                assertThat(log.connections().stream().filter(l -> l.startsWith("untrusted-proxy client=127.0.0.9 ")))
                        .as("at most one line a second").hasSizeLessThanOrEqualTo(2);
            } finally {
                for (RawClient client : strangers) {
                    client.close();
                }
            }
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheFirstByteDeadline() throws Exception {
        try (LogLines log = new LogLines();
                GammaFixture gamma = GammaFixture.start("timeouts: {handshake: 10s, first-byte: 300ms}\n")) {
            long started = System.nanoTime();
            try (RawClient silent = RawClient.connectFrom("127.0.0.4", gamma.port())) {
                assertThat(silent.closedWithin(5_000)).isTrue();
            }
            assertThat((System.nanoTime() - started) / 1_000_000).as("long before the handshake deadline")
                    .isLessThan(5_000);
            Await.until(java.time.Duration.ofSeconds(2), "logged", () -> log.connections().stream()
                    .anyMatch(l -> l.startsWith("handshake-timeout client=127.0.0.4 ")
                            && l.contains("(no byte within 300 ms)")));
            try (RawClient slow = RawClient.connectFrom("127.0.0.4", gamma.port())) {
                slow.send(new byte[] {0x10}); // one byte in time: the handshake deadline applies from now on
                assertThat(slow.closedWithin(1_000)).as("kept past the first-byte deadline").isFalse();
            }
            Await.until(java.time.Duration.ofSeconds(2), "its place freed once it closed",
                    () -> gamma.node().greetingConnections() == 0);
        }
    }

    private static String status(GammaFixture gamma, String from) throws Exception {
        try (RawClient client = RawClient.connectFrom(from, gamma.port())) {
            client.send(RawClient.concat(new Handshake(769, "x.example", 25565, Handshake.STATUS).encode(),
                    StatusPackets.requestFrame()));
            return StatusPackets.readResponse(client.readFrame());
        }
    }
}
