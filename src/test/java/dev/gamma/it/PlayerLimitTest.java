package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A route's {@code max-players} counts the logins the node let in whose backends are still connecting, not only the
 * players in the registry: a second login while the first waits for its backend is told the server is full, and the
 * first one's place is free again once it ended without playing.
 */
class PlayerLimitTest {

    @Test
    void aLoginWhoseBackendIsStillConnectingHoldsItsPlace() throws Exception {
        List<SocketChannel> queued = new ArrayList<>();
        try (ServerSocket unanswering = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // it never accepts: once its queue is full the kernel drops further connection attempts, and a
            // connect to it waits until it times out
            for (int i = 0; i < 4; i++) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(unanswering.getLocalSocketAddress());
                queued.add(channel);
            }
            try (GammaFixture gamma = GammaFixture.start("""
                    timeouts: {connect: 3s}
                    routes:
                      - host: small.test
                        backend: 127.0.0.1:%d
                        max-players: 1
                        messages: {backend-down: "Small is down"}
                    """.formatted(unanswering.getLocalPort()));
                    RawClient first = RawClient.connect(gamma.port())) {
                first.sendLogin("small.test", 769, "First");
                Thread.sleep(1_000); // admitted, its backend connecting

                assertThat(loginAnswer(gamma, "Second")).contains("This server is full (1 players). Try again later.");
                assertThat(first.readLoginDisconnect()).contains("Small is down");
                assertThat(loginAnswer(gamma, "Third")).as("the first login's place, once it ended")
                        .contains("Small is down");
            }
        } finally {
            for (SocketChannel channel : queued) {
                channel.close();
            }
        }
    }

    private static String loginAnswer(GammaFixture gamma, String name) throws IOException {
        try (RawClient client = RawClient.connect(gamma.port())) {
            client.sendLogin("small.test", 769, name);
            return client.readLoginDisconnect();
        }
    }
}
