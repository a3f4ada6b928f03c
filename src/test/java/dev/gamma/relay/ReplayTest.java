package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.route.Backend;
import dev.gamma.route.FallbackStatus;
import dev.gamma.route.Route;
import dev.gamma.route.Strategy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    private static Route bungeeCord(boolean clientUuid) {
        return new Route("play.test", List.of("play.test"), List.of(new Backend("127.0.0.1", 25566)), Strategy.FIRST,
                "none", "", 0, Duration.ofSeconds(10), new FallbackStatus("", "", "", 0, 0), "down", List.of(), false,
                "bungeecord", clientUuid);
    }
}
