package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.pipeline.Direction;
import dev.gamma.pipeline.NamedHandler;
import dev.gamma.pipeline.PacketHandler;
import dev.gamma.protocol.Frames;
import dev.gamma.testkit.Await;
import dev.gamma.testkit.Closing;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attack: a plugin answers what a player sends (a command's reply, say), and the player sends and never reads.
 * Those answers come from no read of the backend, so the relay's backpressure (it stops reading one side while the
 * other takes nothing) never holds them back: past a bound that forwarding alone never reaches, the session ends
 * with a reason instead of queuing them in the node's heap for as long as the player keeps sending.
 */
class UnreadAnswersTest {
    private static final int PROTOCOL = 769;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int ASKING = 0x7E;
    private static final int ANSWER_BYTES = 32 * 1024;

    private final CountingBackend backend = new CountingBackend();
    private final AtomicInteger answered = new AtomicInteger();
    private ConnectionLogs logs;
    private GammaFixture node;

    @BeforeEach
    void start() {
        node = GammaFixture.start("""
                timeouts: {login: 2m}
                routes:
                  - host: answering.test
                    backend: 127.0.0.1:%d
                    inspect: true
                """.formatted(backend.port()));
        PacketHandler answering = (packet, context) -> {
            if (packet.direction() == Direction.SERVERBOUND && packet.id() == ASKING) {
                answered.incrementAndGet();
                context.inject(Direction.CLIENTBOUND, 0x7F, ByteBuffer.allocate(ANSWER_BYTES));
            }
        };
        node.node().addHandlers((route, connection) -> List.of(new NamedHandler("answering", answering)));
        logs = new ConnectionLogs();
    }

    @AfterEach
    void stop() throws Exception {
        Closing.all(node, backend, logs);
    }

    @Test
    void aPlayerThatReadsNoneOfTheAnswersToWhatItSendsIsClosedAtTheBound() throws Exception {
        byte[] question = UnfinishedPacketsTest.unfinishable(8);
        int mark = logs.mark();
        try (RawClient asker = loggedIn("Asker")) {
            for (int i = 0; i < 4_000 && sent(asker, question); i++) {
                if (i % 100 == 99) {
                    Thread.sleep(10); // lets the relay read as it goes
                }
            }
            String line = logs.awaitLine(mark, WAIT, "the asker's line", l -> l.contains("user=Asker"));
            assertThat(line).startsWith("routed ")
                    .contains("client took too few of the bytes sent to it: over 4096 KiB queued");
            assertThat(answered.get()).as("answers written before the bound, past what the kernel holds")
                    .isGreaterThan(4 * 1024 * 1024 / ANSWER_BYTES);
        }
        assertThat(logs.stackTracesAndErrors()).isEmpty();
    }

    /** A player that reads its answers keeps asking as long as it likes. */
    @Test
    void aPlayerThatReadsItsAnswersGoesOn() throws Exception {
        byte[] question = UnfinishedPacketsTest.unfinishable(8);
        try (RawClient asker = loggedIn("Reader")) {
            for (int i = 0; i < 100; i++) {
                asker.send(question);
                assertThat(asker.readFrame().remaining()).isGreaterThan(ANSWER_BYTES);
            }
            Await.until(WAIT, "every question at the backend", () -> backend.received("Reader") == 100L * question.length);
            assertThat(asker.closedWithin(300)).isFalse();
        }
    }

    /**
     * Not too low a bound: a player slow to read, sent packets of nearly the largest size by its backend on an
     * inspected route, gets every one of them, though each is queued whole for it (the relay writes a packet once
     * it has all of it) on top of the queue's high mark.
     */
    @Test
    void aSlowReaderGetsEveryPacketOfTheLargestSize() throws Exception {
        int frames = 6;
        byte[] body = new byte[2_000_000];
        body[0] = 0x7F;
        try (ServerSocket largeBackend = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                GammaFixture largeNode = GammaFixture.start("""
                        timeouts: {login: 2m}
                        routes:
                          - host: large.test
                            backend: 127.0.0.1:%d
                            inspect: true
                        """.formatted(largeBackend.getLocalPort()));
                Socket reader = new Socket()) {
            Thread sender = new Thread(() -> {
                try (Socket socket = largeBackend.accept()) {
                    RawClient.readFrame(socket.getInputStream()); // the handshake
                    RawClient.readFrame(socket.getInputStream()); // Login Start
                    for (int i = 0; i < frames; i++) {
                        body[1] = (byte) i;
                        socket.getOutputStream().write(Frames.frame(body));
                    }
                    socket.getInputStream().read(); // held open until the test ends
                } catch (IOException closed) {
                    // the test ended
                }
            }, "large-packets-backend");
            sender.setDaemon(true);
            sender.start();
            reader.setReceiveBufferSize(4096); // before connecting: a small window
            reader.setSoTimeout(30_000); // a relay that stops forwarding fails the test rather than hanging it
            reader.connect(new InetSocketAddress("127.0.0.1", largeNode.port()), 5_000);
            reader.getOutputStream().write(RawClient.login("large.test", PROTOCOL, "SlowReader"));
            Thread.sleep(1_000); // reads nothing a while: the node's queue towards it fills

            InputStream in = slowly(reader.getInputStream());
            for (int i = 0; i < frames; i++) {
                ByteBuffer frame = RawClient.readFrame(in);
                assertThat(frame.remaining()).isEqualTo(body.length);
                assertThat(frame.get(1)).as("packet %d, in order", i).isEqualTo((byte) i);
            }
        }
    }

    /** Reads at most 16 KiB a millisecond: slower than the node can send, so its queue towards the reader stays full. */
    private static InputStream slowly(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                LockSupport.parkNanos(1_000_000);
                return super.read(bytes, offset, Math.min(length, 16 * 1024));
            }
        };
    }

    private RawClient loggedIn(String name) throws IOException {
        return backend.loggedIn(node.port(), "answering.test", PROTOCOL, name);
    }

    private static boolean sent(RawClient client, byte[] bytes) {
        try {
            client.send(bytes);
            return true;
        } catch (IOException closed) {
            return false; // the session ended
        }
    }
}
