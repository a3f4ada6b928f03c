package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.it.GammaFixture;
import dev.gamma.it.LoginStream;
import dev.gamma.testkit.Await;
import io.netty.channel.epoll.Epoll;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A spliced session holds a pipe only while bytes wait in it: a node's pipes follow the players whose readers are
 * behind, not all its spliced players, and what the event loops keep for the next chunk is bounded and closed
 * with them.
 */
class SplicePipesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int BEHIND = 8;
    private static final int SENT = 4 << 20;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void readersThatAreBehindHoldAPipeEachAndTheLoopsKeepFewOnceTheyCatchUp() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "splice(2) needs Linux's epoll transport");
        int openBefore = SplicePipes.open();
        List<Socket> clients = new ArrayList<>();
        List<Future<?>> backends = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                GammaFixture gamma = GammaFixture.start("""
                        relay: {splice: true}
                        limits: {per-ip-rate: 1000, per-ip-burst: 1000}
                        routes:
                          - {host: pipes.test, backend: 127.0.0.1:%d}
                        """.formatted(listener.getLocalPort()))) {
            for (int i = 0; i < BEHIND; i++) {
                backends.add(threads.submit(() -> {
                    try (Socket backend = listener.accept()) {
                        LoginStream.backendLogin(backend.getInputStream(), backend.getOutputStream());
                        backend.getOutputStream().write(new byte[SENT]); // far more than the client's window
                    }
                    return null;
                }));
                Socket client = new Socket();
                client.setReceiveBufferSize(4096); // and it reads nothing yet
                client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), gamma.port()));
                client.setSoTimeout(10_000);
                LoginStream.clientLogin(client.getInputStream(), client.getOutputStream(), "pipes.test", "Behind" + i);
                clients.add(client);
            }
            Await.until(WAIT, "a pipe for each reader that is behind",
                    () -> SplicePipes.open() - openBefore >= BEHIND);

            for (Socket client : clients) {
                assertThat(client.getInputStream().readNBytes(SENT)).hasSize(SENT);
                client.close();
            }
            for (Future<?> backend : backends) {
                backend.get(10, TimeUnit.SECONDS);
            }
            Await.until(WAIT, "every session ends", () -> gamma.node().activeSessions() == 0);
            int kept = SplicePipes.open() - openBefore;
            assertThat(kept).as("pipes the event loops keep").isLessThanOrEqualTo(
                    SplicePipes.KEPT * 2 * Runtime.getRuntime().availableProcessors());
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
        Await.until(WAIT, "the loops' pipes closed with them", () -> SplicePipes.open() == openBefore);
    }
}
