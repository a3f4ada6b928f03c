package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LoginStart;
import dev.gamma.protocol.ProxyHeader;
import dev.gamma.route.Backend;
import dev.gamma.route.FallbackStatus;
import dev.gamma.route.Route;
import dev.gamma.route.StatusPlayers;
import dev.gamma.route.Strategy;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayTest {
    private static final String NOTCH_OFFLINE = "b50ad385829d3141a2167e7d7539ba7f";
    private static final UUID CHOSEN = UUID.fromString("069a79f4-44e9-4726-a5be-fca90e38aaf5");

    @Test
    void offlineUuidIsTheOneOfflineModeServersDeriveFromTheName() {
        assertThat(Replay.offlineUuid("Notch")).isEqualTo(UUID.fromString("b50ad385-829d-3141-a216-7e7d7539ba7f"));
    }

    @ParameterizedTest(name = "client-uuid {0}, client sent {1}: {2}")
    @CsvSource({
        "false, true,  " + NOTCH_OFFLINE,
        "false, false, " + NOTCH_OFFLINE,
        "true,  true,  069a79f444e94726a5befca90e38aaf5",
        "true,  false, " + NOTCH_OFFLINE,
    })
    void bungeeCordForwardingSendsTheNameDerivedUuidUnlessTheRouteAsksForTheClients(
            boolean clientUuid, boolean clientSentOne, String forwarded) {
        var player = new Replay.Player(new InetSocketAddress("198.51.100.7", 50000),
                new InetSocketAddress("192.0.2.1", 25565), "Notch", clientSentOne ? CHOSEN : null);

        assertThat(Replay.forwardedAddress(bungeeCord(clientUuid), "play.test\0FML3\0", player))
                .isEqualTo("play.test\0" + "198.51.100.7\0" + forwarded);
    }

    @Property
    void aRouteThatChangesNothingReplaysTheGreetingByteForByte(
            @ForAll("hosts") String host, @ForAll @IntRange(min = 0, max = 64) int extraBytes) {
        byte[] greeting = concat(handshake(host), new LoginStart("Steve", STEVE).encode(769), new byte[extraBytes]);
        Greeting.Login login = read(greeting);

        Buffer replay = Replay.of(route("none", ""), login, reader(greeting), PLAYER);

        assertThat(replay.getBytes()).isEqualTo(greeting);
    }

    @Provide
    Arbitrary<String> hosts() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-')
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> name = label.list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels));
        return Arbitraries.oneOf(name, name.map(n -> n + "\0FML3\0"), name.map(n -> n + "."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void aProxyHeaderGoesFirstThenTheGreetingAsItCame(String version) {
        byte[] greeting = concat(handshake("play.test"), new LoginStart("Steve", STEVE).encode(769));

        byte[] replay = Replay.of(route(version, ""), read(greeting), reader(greeting), PLAYER).getBytes();

        byte[] header = version.equals("v1") ? ProxyHeader.v1(PLAYER.address(), PLAYER.gammaAddress())
                : ProxyHeader.v2(PLAYER.address(), PLAYER.gammaAddress());
        assertThat(replay).isEqualTo(concat(header, greeting));
        if (version.equals("v1")) {
            assertThat(new String(replay, StandardCharsets.US_ASCII))
                    .startsWith("PROXY TCP4 198.51.100.7 192.0.2.1 50000 25565\r\n");
        }
    }

    @Test
    void rewriteHostChangesOnlyTheHandshakesAddressAndKeepsAForgeMarker() {
        byte[] loginStart = new LoginStart("Steve", STEVE).encode(769);
        byte[] early = {3, 0x7F, 1, 2};
        byte[] greeting = concat(handshake("play.test\0FML3\0"), loginStart, early);

        byte[] replay = Replay.of(route("none", "backend.internal"), read(greeting), reader(greeting), PLAYER).getBytes();

        assertThat(replay).isEqualTo(concat(handshake("backend.internal\0FML3\0"), loginStart, early));
    }

    private static final UUID STEVE = UUID.fromString("8667ba71-b85a-4004-af54-457a9734eed7");
    private static final Replay.Player PLAYER = new Replay.Player(new InetSocketAddress("198.51.100.7", 50000),
            new InetSocketAddress("192.0.2.1", 25565), "Steve", STEVE);

    private static byte[] handshake(String host) {
        return new Handshake(769, host, 25565, Handshake.LOGIN).encode();
    }

    private static GreetingReader reader(byte[] greeting) {
        GreetingReader reader = new GreetingReader(4096);
        reader.feed(Buffer.buffer(greeting));
        return reader;
    }

    private static Greeting.Login read(byte[] greeting) {
        return (Greeting.Login) new GreetingReader(4096).feed(Buffer.buffer(greeting));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static Route route(String proxyProtocol, String rewriteHost) {
        return new Route("play.test", List.of("play.test"), List.of(new Backend("127.0.0.1", 25566)), Strategy.FIRST,
                proxyProtocol, rewriteHost, 0, Duration.ofSeconds(10), new FallbackStatus("", "", "", 0, 0), "down",
                List.of(), false, "none", false, StatusPlayers.BACKEND);
    }

    private static Route bungeeCord(boolean clientUuid) {
        return new Route("play.test", List.of("play.test"), List.of(new Backend("127.0.0.1", 25566)), Strategy.FIRST,
                "none", "", 0, Duration.ofSeconds(10), new FallbackStatus("", "", "", 0, 0), "down", List.of(), false,
                "bungeecord", clientUuid, StatusPlayers.BACKEND);
    }
}
