package dev.gamma.it;

import static dev.gamma.it.MalformedShapes.HANDSHAKE_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.it.MalformedShape.Listener;
import dev.gamma.peers.BackendOptions;
import dev.gamma.peers.BackendPeer;
import dev.gamma.peers.ClientOptions;
import dev.gamma.peers.ClientPeer;
import dev.gamma.peers.Peers;
import dev.gamma.protocol.ProxyHeader;
import dev.gamma.protocol.WireReader;
import dev.gamma.protocol.WireWriter;
import dev.gamma.testkit.Await;
import dev.gamma.testkit.Closing;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input against running nodes, one table row per shape ({@link MalformedShapes}): each gets its answer
 * before the handshake deadline (plus a margin), one connection log line with the right outcome and detail,
 * one count in {@code gamma_connections_total}, no stack trace, and afterwards the node still routes a
 * login to a real backend; every few shapes, and at the end, a real client logs in through it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MalformedInputTest {
    private static final int ANSWER_MILLIS = HANDSHAKE_MILLIS + 1_500;
    private static final int REAL_CLIENT_EVERY = 12;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger SHAPES = new AtomicInteger();
    private static final AtomicLong FLOODED = new AtomicLong();

    private static ConnectionLogs logs;
    private static BackendPeer backend;
    private static ScriptedBackend scripted;
    private static GammaFixture plain;
    private static GammaFixture proxied;

    @BeforeAll
    static void start() {
        Peers.assumeAvailable();
        logs = new ConnectionLogs();
        backend = Peers.backend(BackendOptions.defaults().withAnyVersion());
        Map<String, ScriptedBackend.Script> scripts = new HashMap<>(MalformedShapes.backendScripts());
        scripts.put("Sink", MalformedInputTest::flood);
        scripted = new ScriptedBackend(scripts);
        String common = """
                timeouts: {handshake: %dms, connect: 2s}
                limits: {per-ip-rate: 1000, per-ip-burst: 1000, max-handshake-bytes: 4096, max-greeting-per-ip: 1000}
                unknown-host: {motd: "%s", disconnect: "%s{host}"}
                routes:
                  - host: real.test
                    backend: 127.0.0.1:%d
                  - host: lying.test
                    backend: 127.0.0.1:%d
                    inspect: true
                  - host: flood.test
                    backend: 127.0.0.1:%5$d
                """.formatted(HANDSHAKE_MILLIS, MalformedShapes.MOTD, MalformedShapes.NO_SERVER, backend.port(),
                scripted.port());
        plain = GammaFixture.start(common);
        proxied = GammaFixture.start("proxy-protocol: {enabled: true, trusted: [127.0.2.0/24]}\n" + common);
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(plain, proxied, scripted, backend, logs);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gamma.it.MalformedShapes#all")
    void badInputIsAnsweredInTimeLoggedCountedAndTheNodeStillServes(MalformedShape shape) throws Exception {
        int n = SHAPES.incrementAndGet();
        GammaFixture node = shape.listener() == Listener.PLAIN ? plain : proxied;
        String from = (shape.listener() == Listener.PROXY_TRUSTED ? "127.0.2." : "127.0.1.") + n;
        String seenAs = shape.seenAs() == null ? from : shape.seenAs();
        String series = "gamma_connections_total{outcome=\"" + shape.outcome() + "\",route=\"" + shape.route() + "\"}";
        double before = count(node, series);
        int mark = logs.mark();

        long started = System.nanoTime();
        byte[] received;
        try (RawClient client = RawClient.connectFrom(from, node.port())) {
            shape.exchange().run(client);
            received = client.readUntilClosed(ANSWER_MILLIS);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(millis).as("answered and closed within the handshake deadline and a margin")
                .isLessThanOrEqualTo(ANSWER_MILLIS);
        shape.answer().check(received);
        String line = logs.awaitLine(mark, WAIT, shape.outcome() + " line for " + seenAs,
                l -> l.startsWith(shape.outcome() + " ") && !l.contains("client=127.0.0.1 "));
        assertThat(line).contains(shape.detail().replace("{peer}", from));
        assertThat(line).contains("route=" + shape.route() + " ");
        assertThat(line).contains("client=" + seenAs + " ");
        Await.until(WAIT, series + " counted once", () -> count(node, series) == before + 1);
        assertThat(logs.stackTracesAndErrors()).as("stack traces or errors logged").isEmpty();
        stillRoutesALogin(node, n);
        if (n % REAL_CLIENT_EVERY == 0) {
            realClientLogsIn("Real" + n);
        }
    }

    @Order(2)
    @Test
    void clientThatNeverReadsStallsItsBackendWhileOthersLogIn() throws Exception {
        int mark = logs.mark();
        String series = "gamma_connections_total{outcome=\"routed\",route=\"flood.test\"}";
        double before = count(plain, series);
        try (Socket sink = new Socket()) {
            sink.setReceiveBufferSize(4_096);
            sink.bind(new InetSocketAddress("127.0.3.1", 0));
            sink.connect(new InetSocketAddress("127.0.0.1", plain.port()));
            sink.getOutputStream().write(MalformedShapes.login("flood.test", "Sink"));

            long stalledAt = awaitStall();
            assertThat(stalledAt).as("bytes the backend got rid of before the relay stopped reading it")
                    .isPositive().isLessThan(64L << 20);
            realClientLogsIn("Meanwhile");
            assertThat(plain.node().players()).anyMatch(p -> "Sink".equals(p.info().username()));
            assertThat(FLOODED.get()).as("still stalled").isLessThan(stalledAt + (1L << 20));
        }
        String line = logs.awaitLine(mark, WAIT, "routed line of the sink",
                l -> l.startsWith("routed client=127.0.3.1 "));
        assertThat(line).contains("route=flood.test").contains("user=Sink");
        Await.until(WAIT, "sink session counted", () -> count(plain, series) == before + 1);
        Await.until(WAIT, "sink session gone", () -> plain.node().players().stream()
                .noneMatch(p -> "Sink".equals(p.info().username())));
        assertThat(logs.stackTracesAndErrors()).isEmpty();
    }

    @Order(3)
    @Test
    void realClientStillLogsInAfterAllOfIt() {
        realClientLogsIn("Survivor");
        assertThat(plain.node().activeSessions()).as("nothing left half-open").isLessThanOrEqualTo(1);
    }

    /** A raw login to the real backend gets its first packet (Set Compression) back. */
    private static void stillRoutesALogin(GammaFixture node, int n) throws Exception {
        try (RawClient client = node == plain ? RawClient.connect(node.port())
                : RawClient.connectFrom("127.0.2.250", node.port()).send(ProxyHeader.v1(
                        new InetSocketAddress("127.0.0.1", 40_000), new InetSocketAddress("127.0.0.1", 25565)))) {
            client.send(MalformedShapes.login("real.test", "Check" + n));
            assertThat(new WireReader(client.readFrame()).readVarInt()).as("backend's Set Compression").isEqualTo(0x03);
        }
    }

    private static void realClientLogsIn(String name) {
        var options = ClientOptions.of(plain.port(), "1.21.4").withFakeHost("real.test").withUsername(name);
        try (ClientPeer client = Peers.client(options)) {
            backend.awaitLogin(name, Peers.TIMEOUT);
            client.await("login", Peers.TIMEOUT);
        }
    }

    /** Waits until the flooding backend has written nothing for a second; returns what it wrote by then. */
    private static long awaitStall() {
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        Await.until(Duration.ofSeconds(20), "the flooding backend blocks", () -> {
            long now = FLOODED.get();
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
            }
            return now > 0 && System.nanoTime() - since[0] > 1_000_000_000L;
        });
        return last[0];
    }

    /** Play-sized frames (in the login state, which a client that never reads never leaves), as fast as TCP takes them. */
    private static void flood(OutputStream toGamma) throws Exception {
        byte[] frame = new WireWriter().writeVarInt(0x7F).writeBytes(new byte[32 * 1024]).toFrame();
        while (true) {
            toGamma.write(frame);
            FLOODED.addAndGet(frame.length);
        }
    }

    private static double count(GammaFixture node, String series) {
        return Math.max(0, MetricsTest.value(node.node().scrapeMetrics(), series));
    }
}
