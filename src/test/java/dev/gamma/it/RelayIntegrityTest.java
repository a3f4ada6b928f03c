package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.relay.PlayerSession;
import dev.gamma.testkit.Await;
import io.vertx.core.transport.Transport;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bulk bytes through a raw route: nothing lost, reordered or cut short, both directions at once. */
class RelayIntegrityTest {
    private static final long GIB = 1L << 30;
    private static final long LAST_BYTES = 1L << 20;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** io_uring (the default where the kernel allows it), epoll (the fixture's Vert.x), and epoll with splice. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epoll", "io_uring", "splice"})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aGibibyteEachWayArrivesIntactAndBytesAfterAHalfCloseStillArrive(String relay) throws Exception {
        Assumptions.assumeTrue(!relay.equals("io_uring") || Transport.IO_URING.available(),
                "this kernel (or its seccomp profile) refuses io_uring");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                GammaFixture gamma = start(relay, listener)) {
            CompletableFuture<LoginStream.Tally> backendReceived = new CompletableFuture<>();
            Future<LoginStream.Tally> backendSent = threads.submit(() -> {
                try (Socket backend = listener.accept()) {
                    InputStream in = backend.getInputStream();
                    OutputStream out = backend.getOutputStream();
                    LoginStream.backendLogin(in, out);
                    threads.submit(() -> backendReceived.complete(LoginStream.receive(in, Long.MAX_VALUE)));
                    LoginStream.Sender sender = new LoginStream.Sender(2);
                    sender.send(out, GIB - LAST_BYTES);
                    backendReceived.get(); // the client has shut down its output: our direction must stay open
                    sender.send(out, LAST_BYTES);
                    backend.shutdownOutput();
                    return sender.tally();
                }
            });

            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), gamma.port())) {
                LoginStream.clientLogin(client.getInputStream(), client.getOutputStream(), "bulk.test", "Bulk");
                Future<LoginStream.Tally> clientReceived =
                        threads.submit(() -> LoginStream.receive(client.getInputStream(), Long.MAX_VALUE));
                PlayerSession session = Await.value(Duration.ofSeconds(5), "the session", () -> gamma.node().players().stream()
                        .filter(p -> "Bulk".equals(p.info().username())).findFirst().orElse(null));
                LoginStream.Sender sender = new LoginStream.Sender(1);
                sender.send(client.getOutputStream(), GIB);
                client.shutdownOutput();

                assertThat(backendReceived.get(120, TimeUnit.SECONDS)).isEqualTo(sender.tally());
                assertThat(clientReceived.get(120, TimeUnit.SECONDS)).isEqualTo(backendSent.get(120, TimeUnit.SECONDS));
                assertThat(session.traffic().fromClient()).isGreaterThan(GIB);
                assertThat(session.traffic().fromBackend()).isGreaterThan(GIB);
                Await.until(Duration.ofSeconds(5), "the session ends", () -> gamma.node().players().isEmpty());
            }
        }
    }

    /** A node routing bulk.test to {@code backend}, relaying as {@code relay} names. */
    private static GammaFixture start(String relay, ServerSocket backend) {
        String yaml = "relay: {splice: " + relay.equals("splice") + "}\nroutes:\n"
                + "  - {host: bulk.test, backend: 127.0.0.1:" + backend.getLocalPort() + "}\n";
        return relay.equals("io_uring") ? GammaFixture.startOn(Transport.IO_URING, yaml) : GammaFixture.start(yaml);
    }
}
