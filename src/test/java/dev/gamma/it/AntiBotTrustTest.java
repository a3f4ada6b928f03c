package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.LoginDisconnect;
import dev.gamma.protocol.PacketKind;
import dev.gamma.protocol.PacketTable;
import dev.gamma.protocol.WireWriter;
import dev.gamma.testkit.Await;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attack on anti-bot mode's trust: a bot reconnects as asked, reaches the backend, and never finishes its login.
 * It is let through that once and asked again next time, also when it forges the end of its login; a player whose
 * login the backend answered is trusted.
 */
class AntiBotTrustTest {
    private static final String ASKED = "please reconnect to verify";
    private static final int PROTOCOL = LoginStream.PROTOCOL;

    /**
     * What a bot may send after its Login Start to make its login look finished: answers to questions its backend
     * never asked (Login Acknowledged, Encryption Response), or bytes that are not frames, which end the watching.
     */
    private static final List<byte[]> FORGED_ENDS = List.of(
            Frames.frame(new WireWriter().writeVarInt(id(PacketKind.LOGIN_ACKNOWLEDGED)).toByteArray()),
            Frames.frame(new WireWriter().writeVarInt(id(PacketKind.ENCRYPTION_RESPONSE)).writeBytes(new byte[260])
                    .toByteArray()),
            new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1});

    @Test
    void aBotThatReachesTheBackendWithoutFinishingItsLoginIsAskedAgainWhileAPlayerIsTrusted() throws Exception {
        try (NioLoginBackend backend = new NioLoginBackend();
                ScriptedBackend silent = new ScriptedBackend(Map.of("Newer",
                        toGamma -> toGamma.write(LoginDisconnect.frame("Outdated server! I'm still on 1.21.4"))));
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
            String[] forgers = {"127.0.9.3", "127.0.9.4", "127.0.9.5"};
            for (int i = 0; i < forgers.length; i++) {
                aBotForgingTheEndOfItsLoginIsAskedAgain(gamma, forgers[i], FORGED_ENDS.get(i));
            }
            aBotClaimingANewerProtocolIsNotTrustedForItsBackendsRefusal(gamma, "127.0.9.6");

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

    private static void aBotForgingTheEndOfItsLoginIsAskedAgain(GammaFixture gamma, String address, byte[] forged)
            throws Exception {
        try (RawClient bot = RawClient.connectFrom(address, gamma.port())) {
            assertThat(bot.sendLogin("silent.test", PROTOCOL, "Bot").readLoginDisconnect()).contains(ASKED);
        }
        try (RawClient bot = RawClient.connectFrom(address, gamma.port())) {
            bot.sendLogin("silent.test", PROTOCOL, "Bot");
            assertThat(bot.closedWithin(500)).as("let through to the (silent) backend").isFalse();
            bot.send(forged);
            assertThat(bot.closedWithin(300)).isFalse();
        }
        Await.until(Duration.ofSeconds(5), "the session over", () -> gamma.node().activeSessions() == 0);
        try (RawClient bot = RawClient.connectFrom(address, gamma.port())) {
            assertThat(bot.sendLogin("silent.test", PROTOCOL, "Bot").readLoginDisconnect())
                    .as("%s not trusted for a login its backend never answered", address).contains(ASKED);
        }
    }

    /** Gamma cannot read a login of a protocol it does not know: its backend's refusal must not look like an answer. */
    private static void aBotClaimingANewerProtocolIsNotTrustedForItsBackendsRefusal(GammaFixture gamma, String address)
            throws Exception {
        int newer = PacketTable.newest() + 100;
        try (RawClient bot = RawClient.connectFrom(address, gamma.port())) {
            assertThat(bot.sendLogin("silent.test", newer, "Newer").readLoginDisconnect()).contains(ASKED);
        }
        try (RawClient bot = RawClient.connectFrom(address, gamma.port())) {
            assertThat(bot.sendLogin("silent.test", newer, "Newer").readLoginDisconnect())
                    .as("let through, and refused by the backend").contains("Outdated server");
        }
        Await.until(Duration.ofSeconds(5), "the session over", () -> gamma.node().activeSessions() == 0);
        try (RawClient bot = RawClient.connectFrom(address, gamma.port())) {
            assertThat(bot.sendLogin("silent.test", newer, "Newer").readLoginDisconnect())
                    .as("not trusted for its backend's refusal").contains(ASKED);
        }
    }

    private static int id(PacketKind kind) {
        return PacketTable.forVersion(PROTOCOL).id(kind).orElseThrow();
    }
}
