package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.relay.PlayerSession;
import dev.gamma.testkit.Await;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.vertx.core.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bulk frames through a framed route ({@code inspect: true}), both ways at once: the relay reads every frame where
 * the socket read it and forwards it as it came, so nothing may be lost, reordered or changed, and the read buffers it
 * forwards from must all be given back.
 */
class FramedRelayIntegrityTest {
    private static final long BYTES_EACH_WAY = 192L << 20;
    private static final int MAX_PAYLOAD = 40_000;
    private static final byte[] RANDOM = new byte[4 << 20];

    static {
        new Random(42).nextBytes(RANDOM);
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epoll", "io_uring"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void framesOfEverySizeArriveIntactBothWaysAndNoReadBufferIsKept(String transport) throws Exception {
        Assumptions.assumeTrue(transport.equals("epoll") || Transport.IO_URING.available(),
                "this kernel (or its seccomp profile) refuses io_uring");
        String yaml = "routes:\n  - {host: framed.test, backend: 127.0.0.1:%d, inspect: true}\n";
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                GammaFixture gamma = transport.equals("io_uring")
                        ? GammaFixture.startOn(Transport.IO_URING, yaml.formatted(listener.getLocalPort()))
                        : GammaFixture.start(yaml.formatted(listener.getLocalPort()))) {
            long directBefore = pooledDirectMemory();
            CompletableFuture<LoginStream.Tally> backendReceived = new CompletableFuture<>();
            Future<LoginStream.Tally> backendSent = threads.submit(() -> {
                try (Socket backend = listener.accept()) {
                    InputStream in = backend.getInputStream();
                    OutputStream out = backend.getOutputStream();
                    LoginStream.backendLogin(in, out);
                    threads.submit(() -> backendReceived.complete(LoginStream.receive(in, Long.MAX_VALUE)));
                    LoginStream.Tally sent = sendFrames(out, new Random(2), BYTES_EACH_WAY);
                    backend.shutdownOutput();
                    backendReceived.get(); // closing before the client's last byte would reset the connection
                    return sent;
                }
            });

            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), gamma.port())) {
                LoginStream.clientLogin(client.getInputStream(), client.getOutputStream(), "framed.test", "Framed");
                Future<LoginStream.Tally> clientReceived =
                        threads.submit(() -> LoginStream.receive(client.getInputStream(), Long.MAX_VALUE));
                PlayerSession session = Await.value(Duration.ofSeconds(5), "the session", () -> gamma.node().players()
                        .stream().filter(p -> "Framed".equals(p.info().username())).findFirst().orElse(null));
                LoginStream.Tally clientSent = sendFrames(client.getOutputStream(), new Random(1), BYTES_EACH_WAY);
                client.shutdownOutput();

                assertThat(backendReceived.get(90, TimeUnit.SECONDS)).isEqualTo(clientSent);
                assertThat(clientReceived.get(90, TimeUnit.SECONDS)).isEqualTo(backendSent.get(90, TimeUnit.SECONDS));
                assertThat(session.traffic().fromClient()).isGreaterThan(BYTES_EACH_WAY);
                assertThat(session.traffic().fromBackend()).isGreaterThan(BYTES_EACH_WAY);
                Await.until(Duration.ofSeconds(5), "the session ends", () -> gamma.node().players().isEmpty());
            }
            assertThat(pooledDirectMemory() - directBefore)
                    .as("pooled direct memory kept after %d MiB each way", BYTES_EACH_WAY >> 20)
                    .isLessThan(BYTES_EACH_WAY / 4);
        }
    }

    /**
     * Play packets of random sizes, from a byte to {@link #MAX_PAYLOAD} (one-, two- and three-byte lengths), written in
     * pieces that cut frames anywhere; returns the tally of what was written.
     */
    private static LoginStream.Tally sendFrames(OutputStream out, Random random, long bytes) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] batch = new byte[256 * 1024];
        long sent = 0;
        while (sent < bytes) {
            int filled = 0;
            while (true) {
                int payload = random.nextInt(4) == 0 ? 1 + random.nextInt(100) : 1 + random.nextInt(MAX_PAYLOAD);
                int body = 1 + payload;
                int header = body < 128 ? 1 : body < 16_384 ? 2 : 3;
                if (filled + header + body > batch.length) {
                    break;
                }
                for (int v = body; ; v >>>= 7) {
                    batch[filled++] = (byte) (v < 128 ? v : (v & 0x7F) | 0x80);
                    if (v < 128) {
                        break;
                    }
                }
                batch[filled++] = 0x7E;
                System.arraycopy(RANDOM, random.nextInt(RANDOM.length - payload), batch, filled, payload);
                filled += payload;
            }
            for (int at = 0; at < filled; ) {
                int piece = Math.min(filled - at, 1 + random.nextInt(48 * 1024));
                out.write(batch, at, piece);
                at += piece;
            }
            crc.update(batch, 0, filled);
            sent += filled;
        }
        out.flush();
        return new LoginStream.Tally(sent, crc.getValue());
    }

    private static long pooledDirectMemory() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }
}
