package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.it.GammaFixture;
import dev.gamma.it.LogLines;
import dev.gamma.it.LoginStream;
import dev.gamma.testkit.Await;
import io.netty.channel.epoll.Epoll;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code relay.splice: true}: a raw session's bytes go socket to pipe to socket once its login is over. Every way a
 * session ends, it ends, and the pipes go back: the event loops keep a few for the next chunks, and close them
 * when they stop. What the bytes go through is in {@code RelayIntegrityTest} (a gibibyte each way, half-close), how
 * faults end a spliced session in {@code SplicedConnectionFaultsTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpliceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger PLAYERS = new AtomicInteger();

    private ServerSocket listener;
    private GammaFixture gamma;
    private int pipesAtStart;
    private ExecutorService threads;
    private LogLines log;

    @BeforeAll
    void start() throws IOException {
        Assumptions.assumeTrue(Epoll.isAvailable(), "splice(2) needs Linux's epoll transport");
        pipesAtStart = SplicePipes.open();
        listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        gamma = GammaFixture.start("""
                relay: {splice: true}
                limits: {per-ip-rate: 1000, per-ip-burst: 1000}   # every player here comes from 127.0.0.1
                routes:
                  - {host: splice.test, backend: 127.0.0.1:%d}
                """.formatted(listener.getLocalPort()));
    }

    @AfterAll
    void stop() throws IOException {
        if (gamma != null) {
            gamma.close();
            listener.close();
            Await.until(WAIT, "the loops' pipes closed with them", () -> SplicePipes.open() == pipesAtStart);
        }
    }

    @BeforeEach
    void startThreadsAndLog() {
        threads = Executors.newCachedThreadPool();
        log = new LogLines();
    }

    @AfterEach
    void stopThreadsAndLog() {
        threads.shutdownNow();
        log.close();
    }

    @Test
    void aSplicedSessionRelaysIntactAndCountsWhatItSplices() throws Exception {
        int before = SplicePipes.open();
        Future<?> backend = backend(LoginStream::echoUntilClosed);
        String name = player();
        try (Socket client = login(name)) {
            assertThat(echoed(client, 200_000)).as("what came back").isTrue();
            assertThat(session(name).traffic().fromClient()).as("spliced bytes are counted").isGreaterThan(200_000);
        }
        backend.get(5, TimeUnit.SECONDS);
        awaitNoSessionAndNoPipe(before);
    }

    @Test
    void aKickClosesBothSocketsOfASplicedSession() throws Exception {
        int before = SplicePipes.open();
        Future<Integer> backend = threads.submit(() -> {
            try (Socket socket = listener.accept()) {
                LoginStream.backendLogin(socket.getInputStream(), socket.getOutputStream());
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(socket.getInputStream().read()); // one byte back: spliced by now
                return socket.getInputStream().read();
            }
        });
        String name = player();
        try (Socket client = login(name)) {
            client.getOutputStream().write(42);
            assertThat(client.getInputStream().read()).isEqualTo(42);
            assertThat(Await.await(gamma.node().commands().kick(name, "Spliced, then kicked"))).isEqualTo(1);
            assertThat(client.getInputStream().read()).as("the client's end of stream").isEqualTo(-1);
            assertThat(backend.get(5, TimeUnit.SECONDS)).as("the backend's end of stream").isEqualTo(-1);
        }
        awaitNoSessionAndNoPipe(before);
    }

    /** The bytes after Login Success and the FIN come with it: whether or not the splice starts, all arrive. */
    @Test
    void aBackendThatSendsItsLastBytesAndHangsUpWithLoginSuccessHasThemAllDelivered() throws Exception {
        int before = SplicePipes.open();
        byte[] last = new byte[300_000];
        for (int i = 0; i < last.length; i++) {
            last[i] = (byte) (i * 7);
        }
        Future<?> backend = threads.submit(() -> {
            try (Socket socket = listener.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                LoginStream.readFrame(in); // the handshake
                LoginStream.readFrame(in); // Login Start
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                all.write(LoginStream.loginSuccessFrame());
                all.write(last);
                socket.getOutputStream().write(all.toByteArray());
                socket.shutdownOutput();
                socket.getInputStream().readAllBytes();
            }
            return null;
        });
        try (Socket client = connect(player())) {
            assertThat(client.getInputStream().readAllBytes()).isEqualTo(last);
        }
        backend.get(5, TimeUnit.SECONDS);
        awaitNoSessionAndNoPipe(before);
    }

    /**
     * The client finishes (FIN), then resets while nothing flows towards it: the backend's FIN that follows cannot be
     * passed on (the client's socket is no longer connected), and the session must end all the same.
     */
    @Test
    void aClientThatResetsAfterItsFinStillHasItsSessionEndWhenTheBackendFinishes() throws Exception {
        int before = SplicePipes.open();
        CountDownLatch finPassedOn = new CountDownLatch(1);
        CountDownLatch reset = new CountDownLatch(1);
        Future<?> backend = backend(socket -> {
            socket.getOutputStream().write(socket.getInputStream().read()); // one byte back: the splice is in place
            assertThat(socket.getInputStream().read()).as("the client's FIN, passed on").isEqualTo(-1);
            finPassedOn.countDown();
            reset.await(5, TimeUnit.SECONDS);
            socket.shutdownOutput();
            socket.getInputStream().read();
        });
        String name = player();
        Socket client = login(name);
        client.getOutputStream().write(42);
        assertThat(client.getInputStream().read()).isEqualTo(42);
        client.shutdownOutput();
        assertThat(finPassedOn.await(5, TimeUnit.SECONDS)).as("the client's FIN reached the backend").isTrue();
        close(client, true);
        reset.countDown();
        backend.get(5, TimeUnit.SECONDS);
        awaitNoSessionAndNoPipe(before);
        Await.until(WAIT, name + "'s connection line", () -> !log.connections(name).isEmpty());
        assertThat(log.connections(name)).singleElement().asString().contains("(client connection failed: reset)");
    }

    /** Closed and reset, by either side, with bytes in flight: 200 sessions at once, nothing left behind. */
    @Test
    void sessionsThatEndEveryWayAtOnceLeaveNoPipeBehind() throws Exception {
        int before = SplicePipes.open();
        int sessions = 200;
        List<Future<?>> ends = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            int way = i % 4;
            boolean backendEnds = way >= 2;
            boolean reset = way % 2 == 1;
            ends.add(backend(socket -> {
                try {
                    if (backendEnds) {
                        socket.getOutputStream().write(new byte[100_000]);
                        close(socket, reset);
                    } else {
                        LoginStream.echoUntilClosed(socket);
                    }
                } catch (IOException resetMeanwhile) {
                    // an echo into a client that closed, or reset, may meet a reset
                }
            }));
            Socket loggedIn = connect(player()); // before the next backend accepts: each pair is one session
            ends.add(threads.submit(() -> {
                try (Socket client = loggedIn) {
                    if (backendEnds) {
                        client.getInputStream().readAllBytes();
                    } else {
                        client.getOutputStream().write(new byte[100_000]);
                        close(client, reset);
                    }
                } catch (IOException resetMeanwhile) {
                    // the backend's reset reached the client as a reset
                }
                return null;
            }));
        }
        for (Future<?> end : ends) {
            end.get(20, TimeUnit.SECONDS);
        }
        awaitNoSessionAndNoPipe(before);
    }

    /** Every session over, and no more pipes than the event loops keep for the next chunks. */
    private void awaitNoSessionAndNoPipe(int pipesBefore) {
        Await.until(WAIT, "every session ends", () -> gamma.node().activeSessions() == 0);
        assertThat(SplicePipes.open() - pipesBefore).as("pipes the event loops keep")
                .isLessThanOrEqualTo(SplicePipes.KEPT * 2 * Runtime.getRuntime().availableProcessors());
    }

    private interface BackendScript {
        void run(Socket socket) throws Exception;
    }

    /** A backend that accepts one connection, logs the player in, then runs {@code script}. */
    private Future<?> backend(BackendScript script) {
        return threads.submit(() -> {
            try (Socket socket = listener.accept()) {
                LoginStream.backendLogin(socket.getInputStream(), socket.getOutputStream());
                script.run(socket);
            }
            return null;
        });
    }

    /** A player logged in and listed by the node. */
    private Socket login(String name) throws IOException {
        Socket client = connect(name);
        Await.until(WAIT, name + " relayed", () -> session(name) != null);
        return client;
    }

    /** A player whose login is over: its session may end before anyone looks. */
    private Socket connect(String name) throws IOException {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), gamma.port());
        client.setSoTimeout(10_000);
        LoginStream.clientLogin(client.getInputStream(), client.getOutputStream(), "splice.test", name);
        return client;
    }

    private PlayerSession session(String name) {
        return gamma.node().players().stream().filter(p -> name.equals(p.info().username())).findFirst().orElse(null);
    }

    /** Sends {@code bytes} counting bytes and reads them back from an echoing backend. */
    private boolean echoed(Socket client, int bytes) throws Exception {
        byte[] sent = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            sent[i] = (byte) (i * 31);
        }
        Future<?> writing = threads.submit(() -> {
            client.getOutputStream().write(sent);
            return null;
        });
        byte[] received = client.getInputStream().readNBytes(bytes);
        writing.get(5, TimeUnit.SECONDS);
        return java.util.Arrays.equals(sent, received);
    }

    /** A FIN, or with SO_LINGER 0 an RST. */
    private static void close(Socket socket, boolean reset) throws IOException {
        if (reset) {
            socket.setSoLinger(true, 0);
        }
        socket.close();
    }

    private static String player() {
        return "Spliced" + PLAYERS.incrementAndGet();
    }
}
