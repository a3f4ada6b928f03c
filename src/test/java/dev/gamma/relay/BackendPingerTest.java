package dev.gamma.relay;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.StatusPackets;
import dev.gamma.route.Backend;
import dev.gamma.route.FallbackStatus;
import dev.gamma.route.Route;
import dev.gamma.route.StatusPlayers;
import dev.gamma.route.Strategy;
import dev.gamma.testkit.Closing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A status ping's answer as a backend may send it: whole, in pieces of any size, or too large to take; and a health
 * check's, which must come within its time.
 */
class BackendPingerTest {
    private final Vertx vertx = Vertx.vertx();
    private final BackendPinger pinger = new BackendPinger(vertx,
            vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)), () -> Duration.ofSeconds(20));
    private ServerSocket backend;

    @AfterEach
    void stop() throws Exception {
        Closing.all(backend, () -> await(vertx.close()));
    }

    @Test
    void anAnswerSentInPiecesOfEverySizeIsReadWhole() throws IOException {
        String json = "{\"description\":\"" + "pieces ".repeat(6_000) + "\"}";
        byte[] frame = StatusPackets.responseFrame(json);
        answerWith(frame, 1, 2, 3, 7, 100, 4_096);

        assertThat(await(ping())).isEqualTo(json);
    }

    @Test
    void anAnswerOverTheLimitIsRefused() throws IOException {
        String json = "{\"description\":\"" + "x".repeat(StatusPackets.MAX_RESPONSE_BYTES) + "\"}";
        answerWith(StatusPackets.responseFrame(json), 65_536);

        Throwable failure = await(ping().transform(done -> Future.succeededFuture(done.cause())));
        assertThat(failure).hasMessageContaining("exceeds cap");
    }

    @Test
    void aHealthCheckGetsTheAnswer() throws IOException {
        String json = "{\"description\":\"healthy\"}";
        answerWith(StatusPackets.responseFrame(json), 4_096);

        assertThat(await(pinger.probe(route(), backend(), Duration.ofSeconds(20)))).isEqualTo(json);
    }

    /** A backend that accepts and never answers fails its health check when the time given is up. */
    @Test
    void aHealthCheckOfABackendThatNeverAnswersFailsInItsTime() throws IOException {
        backend = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); // accepted by the kernel, never read

        Throwable failure = await(pinger.probe(route(), backend(), Duration.ofMillis(500))
                .transform(done -> Future.succeededFuture(done.cause())));
        assertThat(failure).hasMessageStartingWith("no status answer within");
    }

    private Backend backend() {
        return new Backend("127.0.0.1", backend.getLocalPort());
    }

    private Route route() {
        return new Route("play.test", List.of("play.test"), List.of(backend()), Strategy.FIRST, "none", "", 0,
                Duration.ofSeconds(10), new FallbackStatus("", "", "", 0, 0), "down", List.of(), false, "none", false,
                StatusPlayers.BACKEND);
    }

    private Future<String> ping() {
        return pinger.ping(new Backend("127.0.0.1", backend.getLocalPort()), "play.test", 769);
    }

    /** A backend that reads the request and answers with {@code frame}, written in pieces of the sizes given, in turn. */
    private void answerWith(byte[] frame, int... pieces) throws IOException {
        backend = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket socket = backend.accept()) {
                socket.setTcpNoDelay(true);
                InputStream in = socket.getInputStream();
                in.read(new byte[512]); // the handshake and request, at least their start
                OutputStream out = socket.getOutputStream();
                for (int at = 0, turn = 0; at < frame.length; turn++) {
                    int length = Math.min(pieces[turn % pieces.length], frame.length - at);
                    out.write(frame, at, length);
                    out.flush();
                    at += length;
                }
                in.read(); // held open until the pinger closes
            } catch (IOException closed) {
                // the pinger closed the connection
            }
        }, "status-backend");
        thread.setDaemon(true);
        thread.start();
    }
}
