package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.testkit.Closing;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A route's packet handlers are made for each login by plugin code; when that code throws, the login is refused
 * with the route's backend-down message and a reason in the log, and the backend connection already made for it is
 * closed, not left open with nothing reading it (one backend socket per login, for as long as the backend keeps it).
 */
class BrokenHandlerTest {
    private static final int PROTOCOL = 769;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private ServerSocket backend;
    private GammaFixture node;
    private ConnectionLogs logs;

    @BeforeEach
    void start() throws Exception {
        backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        node = GammaFixture.start("""
                routes:
                  - host: broken.test
                    backend: 127.0.0.1:%d
                    messages: {backend-down: "Back soon."}
                """.formatted(backend.getLocalPort()));
        node.node().addHandlers((route, connection) -> {
            if (connection.playerName().startsWith("Broken")) {
                throw new IllegalStateException("no settings for " + route.name());
            }
            return List.of();
        });
        logs = new ConnectionLogs();
    }

    @AfterEach
    void stop() throws Exception {
        Closing.all(node, backend, logs);
    }

    @Test
    void aHandlerThatCannotBeMadeRefusesTheLoginAndClosesItsBackendConnection() throws Exception {
        int mark = logs.mark();
        try (RawClient player = RawClient.connect(node.port()).sendLogin("broken.test", PROTOCOL, "Broken1");
             Socket connected = accept()) {
            assertThat(player.readLoginDisconnect()).contains("Back soon.");
            assertThat(connected.getInputStream().read()).as("the backend connection is closed, nothing sent on it")
                    .isEqualTo(-1);
        }
        String line = logs.awaitLine(mark, WAIT, "the refused login", l -> l.contains("user=Broken1"));
        assertThat(line).startsWith("backend-down ").contains("a packet handler of the route could not be made: "
                + "java.lang.IllegalStateException: no settings for broken.test");
        assertThat(logs.stackTracesAndErrors()).isEmpty();

        try (RawClient player = RawClient.connect(node.port()).sendLogin("broken.test", PROTOCOL, "Fine");
             Socket connected = accept()) {
            assertThat(RawClient.readFrame(connected.getInputStream()).remaining()).as("the handshake, replayed")
                    .isPositive();
            assertThat(player.closedWithin(300)).isFalse();
        }
    }

    private Socket accept() throws Exception {
        backend.setSoTimeout((int) WAIT.toMillis());
        Socket socket = backend.accept();
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }
}
