package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.testkit.Await;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attack on anti-bot mode's trust: a bot reconnects as asked, reaches the backend, and never finishes its login.
 * It is let through that once and asked again next time; a player whose login the backend answered is trusted.
 */
class AntiBotTrustTest {
    private static final String ASKED = "please reconnect to verify";
    private static final int PROTOCOL = LoginStream.PROTOCOL;

    @Test
    void aBotThatReachesTheBackendWithoutFinishingItsLoginIsAskedAgainWhileAPlayerIsTrusted() throws Exception {
        try (NioLoginBackend backend = new NioLoginBackend();
                ScriptedBackend silent = new ScriptedBackend(Map.of());
                GammaFixture gamma = GammaFixture.start("""
                        anti-bot: {enabled: true, trigger: 1/s, cool-down: 1h}
                        routes:
                          - {host: play.test, backend: 127.0.0.1:%d}
                          - {host: silent.test, backend: 127.0.0.1:%d}
                        """.formatted(backend.port(), silent.port()))) {
            InetSocketAddress node = new InetSocketAddress("127.0.0.1", gamma.port());
            try (NioLogins crowd = new NioLogins(node, "play.test", "127.0.8.1")) {
                assertThat(crowd.login("crowd", 5, 5, Duration.ofSeconds(10)).succeeded()).isEqualTo(5);
            }
            Await.until(Duration.ofSeconds(10), "anti-bot mode on",
                    () -> MetricsTest.value(gamma.node().scrapeMetrics(), "gamma_anti_bot_active") == 1);

            try (RawClient bot = RawClient.connectFrom("127.0.9.1", gamma.port())) {
                assertThat(bot.sendLogin("silent.test", PROTOCOL, "Bot").readLoginDisconnect()).contains(ASKED);
            }
            try (RawClient bot = RawClient.connectFrom("127.0.9.1", gamma.port())) {
                bot.sendLogin("silent.test", PROTOCOL, "Bot");
                assertThat(bot.closedWithin(500)).as("let through to the (silent) backend").isFalse();
            }
            Await.until(Duration.ofSeconds(5), "the bot's session over", () -> gamma.node().activeSessions() == 0);
            try (RawClient bot = RawClient.connectFrom("127.0.9.1", gamma.port())) {
                assertThat(bot.sendLogin("silent.test", PROTOCOL, "Bot").readLoginDisconnect())
                        .as("not trusted: asked again").contains(ASKED);
            }

            try (NioLogins player = new NioLogins(node, "play.test", "127.0.9.2")) {
                assertThat(player.login("Alex", 1, 1, Duration.ofSeconds(10)).refused().keySet())
                        .singleElement().asString().contains(ASKED);
                assertThat(player.login("Alex", 1, 1, Duration.ofSeconds(10)).succeeded()).as("the reconnect")
                        .isEqualTo(1);
                player.closeAll();
                // by the session's end at the latest, the login it finished has made the address trusted
                Await.until(Duration.ofSeconds(5), "the session over", () -> gamma.node().activeSessions() == 0);
                for (int i = 0; i < 2; i++) {
                    assertThat(player.login("Alex", 1, 1, Duration.ofSeconds(10)).succeeded()).as("trusted")
                            .isEqualTo(1);
                }
            }
        }
    }
}
