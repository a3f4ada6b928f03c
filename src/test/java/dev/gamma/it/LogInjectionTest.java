package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LoginStart;
import dev.gamma.testkit.Await;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Text a client chooses (the hostname it typed, its name, what it says in chat) reaches the log escaped: a line
 * break, a terminal escape or a Unicode line separator can neither end the line nor forge another one.
 */
class LogInjectionTest {
    private static final String FORGED = "\n12:00:00.000 INFO  connection       kicked client=6.6.6.6 host=x";
    private static final List<String> BREAKS = List.of("\n", "\r", "\u001b[2K", "\u2028", "\u2029", "\u0085");

    @Test
    void aHostnameOrANameFromTheHandshakeCannotForgeALogLine() throws Exception {
        try (LogLines log = new LogLines(); GammaFixture gamma = GammaFixture.start("")) {
            for (String breaker : BREAKS) {
                String host = "x.example" + breaker + FORGED.strip();
                try (RawClient client = RawClient.connect(gamma.port())) {
                    client.send(RawClient.concat(new Handshake(769, host, 25565, Handshake.LOGIN).encode(),
                            new LoginStart("Steve" + breaker.charAt(0) + "x", java.util.UUID.randomUUID()).encode(769)));
                    client.readUntilClosed(5_000);
                }
            }
            Await.until(Duration.ofSeconds(5), "a line per attempt", () -> log.connections().size()
                    >= BREAKS.size());
            assertThat(log.connections()).hasSizeGreaterThanOrEqualTo(BREAKS.size()).allSatisfy(line -> {
                assertThat(line).doesNotContain("\n", "\r", "\u001b", "\u2028", "\u2029", "\u0085");
                assertThat(line).doesNotStartWith("kicked");
            });
            assertThat(log.connections()).anyMatch(l -> l.contains("\\u000a12:00:00.000"));
        }
    }

    @Test
    void chatIsLoggedOnOneLineAndCut() throws Exception {
        Peers.assumeAvailable();
        try (LogLines log = new LogLines();
                BackendPeer backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
                GammaFixture gamma = GammaFixture.start("""
                        routes:
                          - {host: chat.test, backend: 127.0.0.1:%d, handlers: [log-chat]}
                        """.formatted(backend.port()));
                ClientPeer client = Peers.client(ClientOptions.of(gamma.port(), "1.21.4").withFakeHost("chat.test")
                        .withUsername("Chatty"))) {
            client.await("login", Peers.TIMEOUT);
            client.chat("hello" + FORGED);
            client.chat("x".repeat(250) + "\u2028" + "y".repeat(20));
            Await.until(Peers.TIMEOUT, "two chat lines", () -> log.of("gamma.chat").size() >= 2);
            assertThat(log.of("gamma.chat")).allSatisfy(line -> assertThat(line)
                    .doesNotContain("\n", "\u2028").hasSizeLessThan(400));
            assertThat(log.of("gamma.chat").get(0)).startsWith("<Chatty> hello\\u000a12:00:00.000 INFO");
            assertThat(log.of("gamma.chat").get(1)).contains("x\\u2028y").contains("…");
        }
    }
}
