package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.PacketTable;
import dev.gamma.protocol.StatusPackets;
import dev.gamma.testkit.Await;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Backends and clients that fail in the ways real ones do. Each connection must end on its own, with its session
 * gone from the node and the registry, one connection log line with a telling outcome, and no stack trace.
 * (A configuration file replaced by garbage while running: ConfigWatchTest and NodeProcessIT.) Raw sessions are
 * relayed by copy, on epoll, here; {@link SplicedConnectionFaultsTest} runs every case again with them spliced, and
 * {@link IoUringConnectionFaultsTest} on io_uring.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionFaultsTest {
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration STALLED = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger PLAYERS = new AtomicInteger();

    private ServerSocket listener;
    private GammaFixture gamma;
    private ExecutorService threads;
    private LogLines log;

    /** The node's relay settings. */
    String relay() {
        return "relay: {splice: false}";
    }

    /** The node under test, from {@code yaml}: on epoll here. */
    GammaFixture node(String yaml) {
        return GammaFixture.start(yaml);
    }

    @BeforeAll
    void start() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        gamma = node(relay() + "\n" + """
                timeouts: {connect: 1s, login: %1$dms, stalled: %2$dms}
                limits: {per-ip-rate: 100, per-ip-burst: 100}
                routes:
                  - host: dead.test
                    backend: 127.0.0.1:%3$d
                    status: {fallback: {motd: "Dead is resting"}}
                    messages: {backend-down: "Dead is down"}
                  - host: fault.test
                    backend: 127.0.0.1:%4$d
                    messages: {backend-down: "Fault is down"}
                  - host: framed.test
                    backend: 127.0.0.1:%4$d
                    inspect: true
                    messages: {backend-down: "Framed is down"}
                """.formatted(LOGIN_TIMEOUT.toMillis(), STALLED.toMillis(), GammaFixture.freePort(),
                listener.getLocalPort()));
    }

    @AfterAll
    void stop() throws IOException {
        gamma.close();
        listener.close();
    }

    @BeforeEach
    void captureLog() {
        threads = Executors.newCachedThreadPool();
        log = new LogLines();
    }

    @AfterEach
    void stopThreadsAndLog() {
        threads.shutdownNow();
        log.close();
    }

    @Test
    void refusedBackendGivesTheLoginTheRouteMessageAndTheServerListTheFallback() throws Exception {
        String name = player();
        try (RawClient client = RawClient.connect(gamma.port())) {
            client.sendLogin("dead.test", 769, name);
            assertThat(client.readLoginDisconnect()).contains("Dead is down");
            assertThat(client.closedWithin(2_000)).isTrue();
        }
        try (RawClient client = RawClient.connect(gamma.port())) {
            client.send(RawClient.concat(new Handshake(769, "dead.test", 25565, Handshake.STATUS).encode(),
                    StatusPackets.requestFrame()));
            assertThat(StatusPackets.readResponse(client.readFrame())).contains("Dead is resting");
        }
        assertEndedCleanly(name, "backend-down", "Connection refused");
    }

    /** Each refused connect's socket is closed: forty logins to a backend that refuses them hold no descriptor. */
    @Test
    void refusedBackendConnectsLeaveNoSocketOpen() throws Exception {
        Path descriptors = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(descriptors), "counts this process's descriptors in /proc/self/fd (Linux)");
        long before = count(descriptors);
        for (int i = 0; i < 40; i++) {
            try (RawClient client = RawClient.connect(gamma.port())) {
                client.sendLogin("dead.test", 769, player());
                assertThat(client.readLoginDisconnect()).contains("Dead is down");
                assertThat(client.closedWithin(2_000)).isTrue();
            }
        }
        Await.until(WAIT, "descriptors back to about where they were",
                () -> count(descriptors) - before < 20);
    }

    private static long count(Path directory) {
        try (java.util.stream.Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}, protocol {1}")
    @CsvSource({"fault.test, 765, Fault is down", "framed.test, 765, Framed is down", "fault.test, 0, Fault is down"})
    void backendThatAcceptsAndNeverAnswersEndsTheLoginWithTheRouteMessage(String host, int protocol, String message)
            throws Exception {
        int version = protocol == 0 ? PacketTable.newest() + 1 : protocol; // 0: newer than Gamma knows
        String name = player();
        Future<Socket> backend = threads.submit(() -> listener.accept());
        try (RawClient client = RawClient.connect(gamma.port())) {
            client.sendLogin(host, version, name);
            try (Socket silent = backend.get(5, TimeUnit.SECONDS)) {
                assertThat(client.readLoginDisconnect()).contains(message);
                assertThat(client.closedWithin(2_000)).isTrue();
                silent.setSoTimeout(2_000);
                assertThat(silent.getInputStream().readAllBytes()).as("the greeting, then the close").isNotEmpty();
            }
        }
        assertEndedCleanly(name, "login-timeout", "the login did not finish within 1000 ms");
    }

    @Test
    void finishedLoginIsNotCutByTheLoginTimeout() throws Exception {
        String name = player();
        Future<?> backend = backend(socket -> {
            LoginStream.backendLogin(socket.getInputStream(), socket.getOutputStream());
            LoginStream.echoUntilClosed(socket);
        });
        try (Socket client = clientLogin(name)) {
            Thread.sleep(LOGIN_TIMEOUT.multipliedBy(2).toMillis());
            client.setSoTimeout(5_000);
            client.getOutputStream().write(new byte[] {1, 2, 3});
            assertThat(client.getInputStream().readNBytes(3)).containsExactly(1, 2, 3);
        }
        backend.get(5, TimeUnit.SECONDS);
        assertEndedCleanly(name, "routed", "");
    }

    @Test
    void backendThatDiesMidSessionClosesTheClient() throws Exception {
        String name = player();
        backend(socket -> {
            LoginStream.backendLogin(socket.getInputStream(), socket.getOutputStream());
            socket.close(); // the process exits: its kernel sends the FIN
        });
        try (Socket client = clientLogin(name)) {
            client.setSoTimeout(5_000);
            assertThat(client.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
        assertEndedCleanly(name, "routed", "");
    }

    @Test
    void backendThatResetsClosesTheClient() throws Exception {
        String name = player();
        CountDownLatch listed = new CountDownLatch(1);
        backend(socket -> {
            LoginStream.backendLogin(socket.getInputStream(), socket.getOutputStream());
            listed.await(10, TimeUnit.SECONDS); // reset only once the session has been seen relaying
            resetClose(socket);
        });
        try (Socket client = clientLogin(name)) {
            listed.countDown();
            client.setSoTimeout(5_000);
            assertThat(client.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
        assertEndedCleanly(name, "routed", "backend connection failed");
    }

    @Test
    void clientThatResetsClosesTheBackend() throws Exception {
        String name = player();
        Future<?> backend = backend(socket -> {
            LoginStream.backendLogin(socket.getInputStream(), socket.getOutputStream());
            assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
        });
        resetClose(clientLogin(name));
        backend.get(5, TimeUnit.SECONDS);
        assertEndedCleanly(name, "routed", "client connection failed");
    }

    /**
     * Clients that send their last bytes and reset at once, one after another: each reset closes its backend. With
     * Netty's multishot polls on io_uring about half of these resets went unseen, and their sessions stayed open.
     */
    @Test
    void clientsThatResetRightAfterTheirLastBytesEachCloseTheirBackend() throws Exception {
        for (int i = 0; i < 20; i++) {
            String name = player();
            Future<?> backend = backend(socket -> {
                LoginStream.backendLogin(socket.getInputStream(), socket.getOutputStream());
                byte[] rest = socket.getInputStream().readAllBytes(); // up to the end of stream Gamma's close sends
                assertThat(rest.length).isLessThanOrEqualTo(3);
            });
            Socket client = clientLogin(name);
            client.getOutputStream().write(new byte[] {2, 0, 0});
            resetClose(client);
            backend.get(5, TimeUnit.SECONDS);
            assertEndedCleanly(name, "routed", "client connection failed");
        }
    }

    /** The same from the other side: backends that send their last bytes and reset at once each close their client. */
    @Test
    void backendsThatResetRightAfterTheirLastBytesEachCloseTheirClient() throws Exception {
        for (int i = 0; i < 20; i++) {
            String name = player();
            CountDownLatch listed = new CountDownLatch(1);
            backend(socket -> {
                LoginStream.backendLogin(socket.getInputStream(), socket.getOutputStream());
                listed.await(10, TimeUnit.SECONDS);
                socket.getOutputStream().write(new byte[] {2, 0, 0});
                resetClose(socket);
            });
            try (Socket client = clientLogin(name)) {
                listed.countDown();
                client.setSoTimeout(5_000);
                try {
                    assertThat(client.getInputStream().readAllBytes()).as("up to the end of stream").hasSizeLessThan(4);
                } catch (SocketException reset) { // Gamma may pass the reset on
                    assertThat(reset).hasMessageContaining("reset");
                }
            }
            assertEndedCleanly(name, "routed", "backend connection failed");
        }
    }

    /**
     * The client finishes (FIN), then resets while nothing flows towards it: the backend's FIN that follows cannot
     * be passed on (the client's socket is no longer connected), and the session must end all the same.
     */
    @Test
    void clientThatResetsAfterItsFinHasItsSessionEndWhenTheBackendFinishes() throws Exception {
        String name = player();
        CountDownLatch finPassedOn = new CountDownLatch(1);
        CountDownLatch reset = new CountDownLatch(1);
        Future<?> backend = backend(socket -> {
            LoginStream.backendLogin(socket.getInputStream(), socket.getOutputStream());
            socket.getOutputStream().write(socket.getInputStream().read()); // one byte back: past the login
            assertThat(socket.getInputStream().read()).as("the client's FIN, passed on").isEqualTo(-1);
            finPassedOn.countDown();
            reset.await(5, TimeUnit.SECONDS);
            socket.shutdownOutput();
            socket.getInputStream().read();
        });
        Socket client = clientLogin(name);
        client.getOutputStream().write(42);
        assertThat(client.getInputStream().read()).isEqualTo(42);
        client.shutdownOutput();
        assertThat(finPassedOn.await(5, TimeUnit.SECONDS)).as("the client's FIN reached the backend").isTrue();
        resetClose(client);
        reset.countDown();
        backend.get(5, TimeUnit.SECONDS);
        assertEndedCleanly(name, "routed", "");
    }

    @Test
    void clientThatStopsReadingIsDroppedOnceItTakesNothingForTheStalledTimeout() throws Exception {
        String name = player();
        Future<String> backend = threads.submit(() -> {
            try (Socket socket = listener.accept()) {
                LoginStream.backendLogin(socket.getInputStream(), socket.getOutputStream());
                try {
                    new LoginStream.Sender(3).send(socket.getOutputStream(), 1L << 30); // fills every buffer on the way
                    return "all sent";
                } catch (IOException closedByGamma) {
                    return "closed";
                }
            }
        });
        try (Socket client = clientLogin(name)) {
            assertThat(backend.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("closed");
        }
        assertEndedCleanly(name, "routed", "client took no bytes for 1000 ms");
    }

    /** Bytes wait for the client already when its login ends: spliced, before the splice could start. */
    @Test
    void clientThatReadsNothingFromItsLoginOnIsDroppedOnceItTakesNothingForTheStalledTimeout() throws Exception {
        String name = player();
        Future<String> backend = threads.submit(() -> {
            try (Socket socket = listener.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                LoginStream.readFrame(in); // the handshake
                LoginStream.readFrame(in); // Login Start
                try {
                    socket.getOutputStream().write(LoginStream.loginSuccessFrame());
                    new LoginStream.Sender(3).send(socket.getOutputStream(), 1L << 30);
                    return "all sent";
                } catch (IOException closedByGamma) {
                    return "closed";
                }
            }
        });
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(4096);
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), gamma.port()));
            client.setSoTimeout(5_000);
            LoginStream.clientLoginUntilSuccess(client.getInputStream(), client.getOutputStream(), "fault.test", name);
            Thread.sleep(500); // the backend's bytes queue up in Gamma, waiting for the client
            LoginStream.acknowledgeLogin(client.getOutputStream()); // the login ends now, with bytes queued
            assertThat(backend.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("closed");
        }
        assertEndedCleanly(name, "routed", "client took no bytes for 1000 ms");
    }

    @Test
    void clientThatGoesSilentAfterTheBackendHungUpIsClosedAtTheStalledTimeout() throws Exception {
        String name = player();
        backend(socket -> {
            LoginStream.backendLogin(socket.getInputStream(), socket.getOutputStream());
            socket.getOutputStream().write(new byte[] {0x01, 0x00}); // say a Disconnect, then hang up
            socket.close();
        });
        try (Socket client = clientLogin(name)) {
            // the client neither reads nor closes: the FIN reached it, its own close never comes
            Await.until(WAIT, "the session ends", () -> gamma.node().players().isEmpty());
        }
        assertEndedCleanly(name, "routed", "half-closed and silent for 1000 ms");
    }

    private interface BackendScript {
        void run(Socket socket) throws Exception;
    }

    private Future<?> backend(BackendScript script) {
        return threads.submit(() -> {
            try (Socket socket = listener.accept()) {
                script.run(socket);
            }
            return null;
        });
    }

    private Socket clientLogin(String name) throws IOException {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), gamma.port());
        client.setSoTimeout(5_000);
        LoginStream.clientLogin(client.getInputStream(), client.getOutputStream(), "fault.test", name);
        Await.until(WAIT, name + " relayed", () -> gamma.node().players().stream()
                .anyMatch(p -> name.equals(p.info().username())));
        return client;
    }

    /** SO_LINGER 0: the close sends an RST instead of a FIN. */
    private static void resetClose(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private void assertEndedCleanly(String name, String outcome, String detail) {
        Await.until(WAIT, name + "'s session ends", () -> gamma.node().players().stream()
                .noneMatch(p -> name.equals(p.info().username())) && gamma.node().activeSessions() == 0);
        Await.until(WAIT, name + " leaves the registry", () -> gamma.node().crosstalk().players().snapshot()
                .stream().noneMatch(p -> name.equals(p.name())));
        Await.until(WAIT, name + "'s connection line", () -> !log.connections(name).isEmpty());
        assertThat(log.connections(name)).singleElement().satisfies(line -> {
            assertThat(line).startsWith(outcome + " ");
            assertThat(line).contains(detail);
        });
        assertThat(log.withStackTraces()).isEmpty();
    }

    private static String player() {
        return "Faulty" + PLAYERS.incrementAndGet();
    }
}
