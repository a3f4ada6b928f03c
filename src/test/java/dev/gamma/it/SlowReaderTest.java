package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.relay.PlayerSession;
import dev.gamma.testkit.Await;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that reads far slower than its backend writes: Gamma stops reading the backend while the client's
 * socket is full, so what it holds stays bounded by socket buffers and the write high-water mark, and every byte
 * still arrives, in order, once the client gets to it.
 */
class SlowReaderTest {
    /**
     * The client's pace. The backend writes as fast as the relay lets it: with the relay's pause taken out, it got
     * about 800 MiB through in the same 4 s here, a hundred times this pace.
     */
    private static final long CLIENT_BYTES_PER_SECOND = 2L << 20;
    private static final Duration BACKEND_WRITES_FOR = Duration.ofSeconds(4);
    private static final long MIB = 1L << 20;
    /** The most the kernel lets a sending socket buffer (net.ipv4.tcp_wmem, third field; 4 MiB here). */
    private static final long SEND_BUFFER_MAX = sendBufferMax();
    /**
     * What Gamma has read from the backend and the client has not received: Gamma's send buffer towards the client,
     * the relay's 256 KiB write high-water mark plus one read chunk, and the slow client's small receive buffer.
     */
    private static final long HELD_BY_GAMMA_BOUND = SEND_BUFFER_MAX + 4 * MIB;
    /** End to end, the backend's own send buffer and Gamma's receive buffer towards it come on top. */
    private static final long IN_FLIGHT_BOUND = 2 * SEND_BUFFER_MAX + 8 * MIB;
    private static final int CHUNK = 64 * 1024;
    /**
     * Netty's direct memory in use beyond what it held before the session: the relay's queue, each of its bytes in a
     * buffer that may be larger (a read's buffer, a ring buffer other reads shared), and the allocator's chunks. It
     * rose by at most 3 MiB here on epoll and on io_uring's polls, and by 18 on io_uring when Netty's multishot
     * receives from a buffer ring went on reading after the relay paused.
     */
    private static final long BUFFERS_BOUND = 12 * MIB;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** The node under test; subclasses run it on another transport. */
    GammaFixture node(String yaml) {
        return GammaFixture.start(yaml);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void slowReaderHoldsOnlyBuffersWorthInFlightAndReceivesEveryByte() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                // the stall watch sees progress when the client's socket takes bytes again, which with a full 4 MiB
                // send buffer drained at this pace is every 0.7 s or so: well clear of it, a scheduling hiccup is not
                // taken for a client that stopped reading
                GammaFixture gamma = node("timeouts: {stalled: 5s}\nroutes:\n"
                        + "  - {host: slow.test, backend: 127.0.0.1:" + listener.getLocalPort() + "}\n")) {
            AtomicLong sent = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Future<LoginStream.Tally> backendSent = threads.submit(() -> {
                try (Socket backend = listener.accept()) {
                    OutputStream out = backend.getOutputStream();
                    LoginStream.backendLogin(backend.getInputStream(), out);
                    LoginStream.Sender sender = new LoginStream.Sender(4);
                    while (!stop.get()) {
                        sender.send(out, CHUNK); // blocks whenever the relay stops reading
                        sent.set(sender.tally().bytes());
                    }
                    backend.shutdownOutput();
                    return sender.tally();
                }
            });

            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), gamma.port())) {
                client.setSoTimeout(10_000);
                LoginStream.clientLogin(client.getInputStream(), client.getOutputStream(), "slow.test", "Slowpoke");
                PlayerSession session = Await.value(Duration.ofSeconds(5), "the session", () -> gamma.node()
                        .players().stream().findFirst().orElse(null));
                SlowRead read = new SlowRead(client.getInputStream());
                long until = System.nanoTime() + BACKEND_WRITES_FOR.toNanos();
                long maxInFlight = 0;
                long maxHeldByGamma = 0;
                long buffersBefore = nettyDirectMemory();
                long maxBuffers = 0;
                while (System.nanoTime() < until) {
                    read.step();
                    maxInFlight = Math.max(maxInFlight, sent.get() - read.received);
                    maxHeldByGamma = Math.max(maxHeldByGamma, session.traffic().fromBackend() - read.received);
                    maxBuffers = Math.max(maxBuffers, nettyDirectMemory() - buffersBefore);
                }
                long sentWhileSlow = sent.get();
                long receivedWhileSlow = read.received;
                System.out.printf("slow reader: in %ds the client read %.1f MiB at %d MiB/s, the backend got %.1f MiB"
                        + " written; max in flight %.2f MiB (backend sent - client received), max held by Gamma"
                        + " %.2f MiB (read from the backend - client received), Netty's direct memory up by at most"
                        + " %.2f MiB%n",
                        BACKEND_WRITES_FOR.toSeconds(), mib(receivedWhileSlow), CLIENT_BYTES_PER_SECOND / MIB,
                        mib(sentWhileSlow), mib(maxInFlight), mib(maxHeldByGamma), mib(maxBuffers));
                assertThat(maxInFlight).as("bytes the backend is ahead of the client").isLessThan(IN_FLIGHT_BOUND);
                assertThat(maxHeldByGamma).as("bytes Gamma read and the client has not")
                        .isLessThan(HELD_BY_GAMMA_BOUND);
                assertThat(maxBuffers).as("Netty's direct memory, beyond what it held before").isLessThan(BUFFERS_BOUND);

                stop.set(true);
                while (!read.ended) {
                    read.step(); // still slow after the backend's FIN: the tail arrives too, nothing cut
                }
                LoginStream.Tally tally = backendSent.get(30, TimeUnit.SECONDS);
                assertThat(new LoginStream.Tally(read.received, read.crc.getValue())).isEqualTo(tally);
            }
            Await.until(Duration.ofSeconds(5), "the session ends", () -> gamma.node().players().isEmpty());
        }
    }

    /** What the allocator Gamma's sockets read with has taken for direct buffers. */
    private static long nettyDirectMemory() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }

    private static double mib(long bytes) {
        return bytes / (double) MIB;
    }

    private static long sendBufferMax() {
        try {
            String[] fields = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            return Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException e) {
            return 4 * MIB; // Linux's default
        }
    }

    /** Reads at {@link #CLIENT_BYTES_PER_SECOND}, checksumming what arrives. */
    private static final class SlowRead {
        final InputStream in;
        final CRC32C crc = new CRC32C();
        final byte[] buffer = new byte[16 * 1024];
        final long startedAt = System.nanoTime();
        long received;
        boolean ended;

        SlowRead(InputStream in) {
            this.in = in;
        }

        void step() throws IOException, InterruptedException {
            long allowed = (System.nanoTime() - startedAt) * CLIENT_BYTES_PER_SECOND / 1_000_000_000L;
            if (received >= allowed) {
                Thread.sleep(5);
                return;
            }
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, allowed - received));
            if (n < 0) {
                ended = true;
                return;
            }
            crc.update(buffer, 0, n);
            received += n;
        }
    }
}
