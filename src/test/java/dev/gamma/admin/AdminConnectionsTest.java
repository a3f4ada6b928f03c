package dev.gamma.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.ClusterCommands.BroadcastResult;
import dev.gamma.it.LogLines;
import io.vertx.core.Promise;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin port's connections are bounded before any token is checked. The attacks: a caller that sends its
 * headers or its body a byte at a time (each byte would keep an idle timeout from ever firing), one that opens
 * connections and sends nothing, and one address or many opening more connections than an admin API needs, which
 * would take the descriptors the node's players need, or every place, locking out the load balancer's probes.
 */
class AdminConnectionsTest {
    private static final String TOKEN = "admin-connections-test-token";
    private static final Duration REQUEST = Duration.ofMillis(1_500);
    /** Far past the time a caller has, far short of the 120 s idle timeout that was the only bound before. */
    private static final long GIVE_UP_MILLIS = 15_000;

    @TempDir
    Path dataDir;
    private AdminFixture admin;
    private final List<Socket> sockets = new ArrayList<>();
    private final LogLines logs = new LogLines();

    @AfterEach
    void close() throws Exception {
        logs.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void aCallerThatSendsItsHeadersAByteAtATimeIsClosedWhenItsTimeIsUp() throws Exception {
        start(new AdminConnections.Limits(REQUEST, 64, 512));
        Socket slow = connect();
        send(slow, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");

        assertThat(trickleUntilClosed(slow, "X-Slow: " + "a".repeat(200))).as("closed while trickling").isTrue();
        assertThat(admin.get("/health").status()).as("others are still answered").isEqualTo(200);
    }

    @Test
    void aCallerThatSendsItsBodyAByteAtATimeIsClosedWhenItsTimeIsUp() throws Exception {
        start(new AdminConnections.Limits(REQUEST, 64, 512));
        Socket slow = connect();
        send(slow, "POST /api/broadcast HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n{\"message\":\"");

        assertThat(trickleUntilClosed(slow, "b".repeat(200))).as("closed while trickling").isTrue();
        assertThat(admin.commands.calls).as("the half-sent request was never carried out").isEmpty();
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        start(new AdminConnections.Limits(REQUEST, 64, 512));
        Socket silent = connect();

        assertThat(closedWithin(silent, GIVE_UP_MILLIS)).isTrue();
    }

    @Test
    void aConnectionKeptAliveServesRequestsForLongerThanOneRequestsTime() throws Exception {
        start(new AdminConnections.Limits(REQUEST, 64, 512));
        Socket kept = connect();
        for (int i = 0; i < 6; i++) { // 6 × 500 ms: twice the time one request may take
            send(kept, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(readResponseHead(kept)).startsWith("HTTP/1.1 200");
            Thread.sleep(500);
        }
    }

    @Test
    void theNodesOwnTimeOnAnAnswerIsNotTheCallers() throws Exception {
        start(new AdminConnections.Limits(REQUEST, 64, 512));
        Promise<BroadcastResult> held = Promise.promise();
        admin.commands.heldBroadcast = held.future();
        Socket caller = connect();
        String body = "{\"message\":\"hi\"}";
        send(caller, "POST /api/broadcast HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);

        assertThat(closedWithin(caller, 3 * REQUEST.toMillis())).as("still open while the node answers").isFalse();
        held.complete(new BroadcastResult(1, 1));
        assertThat(readResponseHead(caller)).startsWith("HTTP/1.1 200");
    }

    @Test
    void oneAddressMayHoldOnlySoManyConnections() throws Exception {
        start(new AdminConnections.Limits(Duration.ofSeconds(30), 3, 512));
        List<Socket> three = List.of(connect(), connect(), connect());
        awaitOpen(3);

        Socket fourth = connect();
        assertThat(closedWithin(fourth, GIVE_UP_MILLIS)).as("the fourth is closed at once").isTrue();
        assertThat(logs.of(AdminConnections.class.getName())).containsExactly("admin: refused 1"
                + " connection(s), the last from 127.0.0.1: 3 admin connections are open from that address already");
        assertThat(closedWithin(three.get(0), 300)).as("the first three stay").isFalse();

        three.get(0).close();
        awaitOpen(2);
        Socket again = connect();
        send(again, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(readResponseHead(again)).as("a place freed is taken again").startsWith("HTTP/1.1 200");
    }

    /** Callers that merely keep connections open cannot lock others out: the one waiting longest makes room. */
    @Test
    void whenEveryPlaceIsTakenTheConnectionWaitingLongestMakesRoom() throws Exception {
        start(new AdminConnections.Limits(Duration.ofSeconds(30), 64, 2));
        Socket oldest = connect();
        awaitOpen(1);
        Thread.sleep(50);
        Socket younger = connect();
        awaitOpen(2);

        Socket newcomer = connect();
        send(newcomer, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(readResponseHead(newcomer)).startsWith("HTTP/1.1 200");
        assertThat(closedWithin(oldest, GIVE_UP_MILLIS)).as("the oldest gave its place").isTrue();
        assertThat(closedWithin(younger, 300)).isFalse();
        assertThat(admin.server.openConnections()).isEqualTo(2);
    }

    /**
     * An answer larger than the kernel holds, taken slowly: the caller's clock starts once the answer is on the
     * wire, not when the node finished writing it into its own queue, so the answer is not cut short.
     */
    @Test
    void aLargeAnswerTakenSlowlyIsNotCutShort() throws Exception {
        start(new AdminConnections.Limits(REQUEST, 64, 512));
        for (int i = 0; i < 40_000; i++) {
            admin.addPlayer("n1-" + i, "Player" + i, "n1", "play.example.com");
        }
        Socket slow = new Socket();
        sockets.add(slow);
        slow.setReceiveBufferSize(16 * 1024);
        slow.connect(new InetSocketAddress("127.0.0.1", admin.port()));
        send(slow, "GET /api/players HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n");

        String head = readHead(slow);
        int length = contentLength(head);
        assertThat(length).as("more than the kernel's buffers hold").isGreaterThan(8 << 20);
        InputStream in = slow.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        long slowUntil = System.nanoTime() + 3 * REQUEST.toNanos(); // twice the caller's time, and more
        int read = 0;
        for (int n; read < length && (n = in.read(buffer)) >= 0; ) {
            read += n;
            if (System.nanoTime() < slowUntil) {
                Thread.sleep(100);
            }
        }
        assertThat(read).as("the whole answer").isEqualTo(length);
    }

    private void start(AdminConnections.Limits limits) throws Exception {
        admin = new AdminFixture(dataDir, TOKEN, limits);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", admin.port());
        sockets.add(socket);
        return socket;
    }

    /** The server's count, so that a test opens its next connection only once the earlier ones were counted. */
    private void awaitOpen(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
        while (admin.server.openConnections() != count && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(admin.server.openConnections()).isEqualTo(count);
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends {@code text} a byte every 100 ms; true once the server closed the connection, false if it never did. */
    private static boolean trickleUntilClosed(Socket socket, String text) throws IOException {
        for (char c : text.toCharArray()) {
            try {
                send(socket, String.valueOf(c));
            } catch (IOException reset) {
                return true;
            }
            if (closedWithin(socket, 100)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the server closed the connection within {@code millis}: the read ends, or the socket was reset. */
    private static boolean closedWithin(Socket socket, long millis) throws IOException {
        socket.setSoTimeout((int) millis);
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Reads one response's head and its body (by Content-Length). */
    private static String readResponseHead(Socket socket) throws IOException {
        String head = readHead(socket);
        socket.getInputStream().readNBytes(contentLength(head));
        return head;
    }

    private static String readHead(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static int contentLength(String head) {
        return head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring("content-length:".length()).strip())).findFirst().orElse(0);
    }
}
