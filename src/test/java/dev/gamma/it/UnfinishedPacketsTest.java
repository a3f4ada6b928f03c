package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.gamma.pipeline.UnfinishedFrames;
import dev.gamma.protocol.Frames;
import dev.gamma.protocol.WireWriter;
import dev.gamma.testkit.Await;
import dev.gamma.testkit.Closing;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attack: clients that log in and begin packets of up to 2 MiB they never finish, each holding the node's memory
 * for as long as its connection lasts. On a running node with {@code limits.max-unfinished-packets-mib: 1}, what
 * they hold together stays within the limit: on a framed route the client that would pass it is disconnected with a
 * reason (its Disconnect ends in a FIN, not lost to a reset while it still sends), and a raw route's watched login
 * stops being watched and forwards everything, as it would anyway.
 */
class UnfinishedPacketsTest {
    private static final int PROTOCOL = 769;
    private static final int LIMIT = 1 << 20;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HELD = "gamma_unfinished_packet_bytes";
    private static final String REFUSED = "gamma_unfinished_packets_refused_total";

    private final CountingBackend backend = new CountingBackend();
    private ConnectionLogs logs;
    private GammaFixture node;

    @BeforeEach
    void start() {
        node = GammaFixture.start("""
                timeouts: {login: 2m}
                limits: {per-ip-rate: 1000, per-ip-burst: 1000, max-unfinished-packets-mib: 1}
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
    void onAFramedRouteTheClientThatWouldPassTheLimitIsDisconnectedAndTheOthersGoOn() throws Exception {
        byte[] frame = unfinishable(700_000);
        try (RawClient holder = holding("Holder", frame)) {
            assertThat(metric(HELD)).isLessThanOrEqualTo(LIMIT);
            int mark = logs.mark();

            try (RawClient greedy = loggedIn("framed.test", "Greedy")) {
                sendInBackground(greedy, Arrays.copyOf(frame, 650_000));
                assertThat(greedy.readLoginDisconnect()).contains(UnfinishedFrames.PLAYER_MESSAGE);
                assertThatCode(() -> greedy.send(new byte[16 << 20])).as("what it still sends is read and dropped")
                        .doesNotThrowAnyException();
                assertThat(greedy.endsWithFin(5_000)).as("closed with a FIN while it still sends, not a reset")
                        .isTrue();
            }
            String line = logs.awaitLine(mark, WAIT, "the greedy client's line", l -> l.contains("user=Greedy"));
            assertThat(line).startsWith("routed ").contains("client's unfinished packet refused")
                    .contains("limits.max-unfinished-packets-mib");
            assertThat(metric(REFUSED)).isEqualTo(1);
            assertThat(metric(HELD)).isLessThanOrEqualTo(LIMIT);

            holder.send(Arrays.copyOfRange(frame, frame.length - 50_000, frame.length));
            Await.until(WAIT, "the holder's frame reaches the backend", () -> backend.received("Holder") == frame.length);
            Await.until(WAIT, "nothing counted once it is read", () -> metric(HELD) == 0);
        }
        try (RawClient next = holding("Next", frame)) {
            assertThat(metric(REFUSED)).as("room again once the holder's frame was read").isEqualTo(1);
        }
        assertThat(logs.stackTracesAndErrors()).isEmpty();
    }

    @Test
    void aWatchedLoginPastTheLimitIsForwardedAsReadAndNotRefused() throws Exception {
        byte[] frame = unfinishable(700_000);
        try (RawClient holder = holding("Holder", frame)) {
            long held = (long) metric(HELD);

            try (RawClient watched = loggedIn("raw.test", "Watched")) {
                byte[] afterwards = "not Minecraft framing".getBytes();
                sendInBackground(watched, Arrays.copyOf(frame, 650_000));
                Await.until(WAIT, "everything reaches the backend as it is read",
                        () -> backend.received("Watched") == 650_000);
                watched.send(RawClient.concat(Arrays.copyOfRange(frame, 650_000, frame.length), afterwards));
                Await.until(WAIT, "and goes on reaching it",
                        () -> backend.received("Watched") == frame.length + afterwards.length);
                assertThat(watched.closedWithin(300)).as("the watched client is not disconnected").isFalse();
                assertThat(metric(REFUSED)).isEqualTo(1);
                assertThat(metric(HELD)).as("the watcher keeps nothing").isEqualTo(held);
            }
        }
        assertThat(logs.stackTracesAndErrors()).isEmpty();
    }

    /** A client past its Login Start on {@code host}, once the backend has it. */
    private RawClient loggedIn(String host, String name) throws IOException {
        return backend.loggedIn(node.port(), host, PROTOCOL, name);
    }

    /** A client on the framed route that has sent all of {@code frame} but its last 50,000 bytes, once it is kept. */
    private RawClient holding(String name, byte[] frame) throws IOException {
        RawClient client = loggedIn("framed.test", name);
        client.send(Arrays.copyOf(frame, frame.length - 50_000));
        Await.until(WAIT, name + "'s frame kept",
                () -> metric(HELD) >= frame.length - 50_000 - UnfinishedFrames.FREE_BYTES);
        return client;
    }

    /** A frame of an id no state has, {@code bodyLength} bytes after its header. */
    static byte[] unfinishable(int bodyLength) {
        return Frames.frame(new WireWriter().writeVarInt(0x7E).writeBytes(new byte[bodyLength - 1]).toByteArray());
    }

    /** Writes from another thread: a client refused mid-write is reset, and its reader must still see the reason. */
    private static void sendInBackground(RawClient client, byte[] bytes) {
        Thread writer = new Thread(() -> {
            try {
                client.send(bytes);
            } catch (IOException resetOrClosed) {
                // the refused client: what it reads is checked
            }
        }, "unfinished-packets-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private double metric(String series) {
        return MetricsTest.value(node.node().scrapeMetrics(), series);
    }
}
