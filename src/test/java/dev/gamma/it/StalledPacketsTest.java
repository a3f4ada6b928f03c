package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.testkit.Await;
import dev.gamma.testkit.Closing;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attack: a client that begins a packet and trickles it a byte at a time, never finishing it, so that what it
 * holds of the node's memory for unfinished packets is never given back. With {@code timeouts.stalled: 1s}, a
 * framed session whose client leaves one packet unfinished for a whole period is ended with a reason, however many
 * bytes of it came meanwhile; clients whose packets each finish go on, even when one is unfinished at every
 * moment; a raw route's watched login holds nothing back, and is left to {@code timeouts.login}.
 */
class StalledPacketsTest {
    private static final int PROTOCOL = 769;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HELD = "gamma_unfinished_packet_bytes";
    private static final String STALLED = "gamma_unfinished_packets_stalled_total";

    private final CountingBackend backend = new CountingBackend();
    private ConnectionLogs logs;
    private GammaFixture node;

    @BeforeEach
    void start() {
        node = GammaFixture.start("""
                timeouts: {login: 2m, stalled: 1s}
                limits: {per-ip-rate: 1000, per-ip-burst: 1000}
                routes:
                  - host: framed.test
                    backend: 127.0.0.1:%1$d
                    inspect: true
                  - host: raw.test
                    backend: 127.0.0.1:%1$d
                """.formatted(backend.port()));
        logs = new ConnectionLogs();
    }

    @AfterEach
    void stop() throws Exception {
        Closing.all(node, backend, logs);
    }

    @Test
    void aClientTricklingOnePacketIsDisconnectedWithAReason() throws Exception {
        byte[] before = UnfinishedPacketsTest.unfinishable(300);
        byte[] trickled = UnfinishedPacketsTest.unfinishable(10_000);
        int mark = logs.mark();
        try (RawClient trickler = loggedIn("framed.test", "Trickler")) {
            trickler.send(RawClient.concat(before, Arrays.copyOf(trickled, 6_000)));
            AtomicBoolean stop = new AtomicBoolean();
            Thread trickle = trickle(trickler, Arrays.copyOfRange(trickled, 6_000, trickled.length - 1), stop);
            try {
                assertThat(trickler.readLoginDisconnect())
                        .contains("Your connection stalled in the middle of a packet");
                assertThat(trickler.closedWithin(5_000)).isTrue();
            } finally {
                stop.set(true);
                trickle.join(5_000);
            }
        }
        String line = logs.awaitLine(mark, WAIT, "the trickler's line", l -> l.contains("user=Trickler"));
        assertThat(line).startsWith("routed ").contains("client's packet unfinished for over 1000 ms");
        Await.until(WAIT, "the packets before it at the backend", () -> backend.received("Trickler") == before.length);
        assertThat(metric(HELD)).as("what it held given back").isZero();
        assertThat(metric(STALLED)).isEqualTo(1);
        assertThat(logs.stackTracesAndErrors()).isEmpty();
    }

    /** Every 300 ms the rest of one packet and the first half of the next: one is unfinished at every check. */
    @Test
    void aClientWhosePacketsEachFinishGoesOnThoughOneIsAlwaysUnfinished() throws Exception {
        byte[] frame = UnfinishedPacketsTest.unfinishable(6_000);
        byte[] firstHalf = Arrays.copyOf(frame, 3_000);
        byte[] secondHalf = Arrays.copyOfRange(frame, 3_000, frame.length);
        try (RawClient steady = loggedIn("framed.test", "Steady")) {
            steady.send(firstHalf);
            for (int i = 0; i < 16; i++) {
                Thread.sleep(300);
                steady.send(RawClient.concat(secondHalf, firstHalf));
            }
            steady.send(secondHalf);
            Await.until(WAIT, "every packet at the backend", () -> backend.received("Steady") == 17L * frame.length);
            assertThat(steady.closedWithin(2_500)).as("not disconnected").isFalse();
        }
        assertThat(metric(STALLED)).isZero();
    }

    @Test
    void aWatchedLoginTricklingIsLeftToTheLoginTimeout() throws Exception {
        byte[] trickled = UnfinishedPacketsTest.unfinishable(10_000);
        try (RawClient watched = loggedIn("raw.test", "Watched")) {
            watched.send(Arrays.copyOf(trickled, 6_000));
            AtomicBoolean stop = new AtomicBoolean();
            Thread trickle = trickle(watched, Arrays.copyOfRange(trickled, 6_000, trickled.length - 1), stop);
            Thread.sleep(3_500);
            assertThat(watched.closedWithin(300)).as("a watcher forwards as it reads: nothing held back").isFalse();
            stop.set(true);
            trickle.join(5_000);
            assertThat(backend.received("Watched")).as("every byte forwarded as it came").isGreaterThan(6_000);
        }
    }

    /**
     * A kicked player that reads nothing, with the relay's queue towards it full: once the session is over, its
     * socket and those bytes are let go a period later, not when (if ever) it reads them.
     */
    @Test
    void aKickedClientThatReadsNothingIsClosedAPeriodAfterTheKick() throws Exception {
        try (CountingBackend flooding = CountingBackend.flooding();
                GammaFixture node = GammaFixture.start("""
                        timeouts: {stalled: 5s}
                        routes:
                          - host: flood.test
                            backend: 127.0.0.1:%d
                        """.formatted(flooding.port()));
                RawClient sink = RawClient.connect(node.port()).sendLogin("flood.test", PROTOCOL, "Sink")) {
            Await.until(WAIT, "the flood held back: the relay stopped reading the backend",
                    () -> sendsNoMore(flooding, "Sink"));
            int mark = logs.mark();
            assertThat(Await.await(node.node().commands().kick("Sink", "Bye"))).isEqualTo(1);

            String line = logs.awaitLine(mark, WAIT, "the session's end", l -> l.contains("user=Sink"));
            assertThat(line).startsWith("routed ").contains("kicked: Bye");
        }
    }

    /**
     * A backend sends its player some bytes and closes; the player reads none of them. Gamma reads them all, the FIN
     * too, and is left half-closed with bytes queued that the player never takes: the session ends a period or two
     * later. Enough bytes that some stay queued in Gamma (past what the kernel holds for the player), too few for
     * the relay to stop reading the backend (which another watch judges): how much the kernel holds is measured
     * first, with a player that is sent more than it can hold.
     */
    @Test
    void aHalfClosedSessionWhoseClientTakesNoneOfItsLastBytesEnds() throws Exception {
        List<String> endings = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) { // what the kernel holds can change from one session to the next
            String measuring = routedLine(8 << 20);
            assertThat(measuring).contains("(client took no bytes for 1000 ms)");
            // the relay stopped reading with 256 KiB and a chunk or two queued: this leaves about 100 KiB queued
            long bytes = out(measuring) - 160 * 1024;
            String line = routedLine(bytes);
            if (line.contains("(half-closed, and the client took no bytes for 1000 ms)")) {
                System.out.printf("half-closed with bytes queued: attempt %d, %d bytes read before the pause, %d sent%n",
                        attempt + 1, out(measuring), bytes);
                assertThat(out(line)).as("the backend's every byte read, its FIN too").isEqualTo(bytes);
                return;
            }
            endings.add(line);
        }
        throw new AssertionError("never left half-closed with bytes queued: " + endings);
    }

    private static long out(String routedLine) {
        Matcher out = Pattern.compile(" out=(\\d+) ").matcher(routedLine);
        assertThat(out.find()).isTrue();
        return Long.parseLong(out.group(1));
    }

    /** The line of a session whose backend sends {@code sent} bytes and closes, and whose player reads none. */
    private String routedLine(long sent) throws IOException {
        try (CountingBackend sending = CountingBackend.sending(sent);
                GammaFixture node = GammaFixture.start("""
                        timeouts: {stalled: 1s}
                        routes:
                          - host: once.test
                            backend: 127.0.0.1:%d
                        """.formatted(sending.port()));
                Socket sink = new Socket()) {
            sink.setReceiveBufferSize(4096); // before connecting: a small window
            sink.connect(new InetSocketAddress("127.0.0.1", node.port()), 5_000);
            int mark = logs.mark();
            sink.getOutputStream().write(RawClient.login("once.test", PROTOCOL, "Sink"));

            String line = logs.awaitLine(mark, WAIT, "the session's end", l -> l.contains("user=Sink"));
            assertThat(line).startsWith("routed ");
            return line;
        }
    }

    private static boolean sendsNoMore(CountingBackend flooding, String player) {
        long before = flooding.sent(player);
        try {
            Thread.sleep(1_000); // long enough that a backend that is only slow to be scheduled sends meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return before > 0 && flooding.sent(player) == before;
    }

    private RawClient loggedIn(String host, String name) throws IOException {
        return backend.loggedIn(node.port(), host, PROTOCOL, name);
    }

    /** Sends {@code bytes} one every 100 ms from another thread, until they run out, {@code stop}, or a close. */
    private static Thread trickle(RawClient client, byte[] bytes, AtomicBoolean stop) {
        Thread thread = new Thread(() -> {
            try {
                for (int i = 0; i < bytes.length && !stop.get(); i++) {
                    client.send(new byte[] {bytes[i]});
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException closed) {
                // the session ended
            }
        }, "trickle");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private double metric(String series) {
        return MetricsTest.value(node.node().scrapeMetrics(), series);
    }
}
