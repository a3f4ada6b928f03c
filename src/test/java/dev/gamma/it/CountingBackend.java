package dev.gamma.it;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LoginStart;
import dev.gamma.testkit.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A backend that counts, per player, the bytes that follow Login Start, and never answers; or one that answers
 * Login Start with a stream of bytes (at most 1 GiB), counting what it could send.
 */
final class CountingBackend implements AutoCloseable {
    private final ServerSocket server;
    /** What it sends each player after Login Start, then closes; 0: nothing, it only counts. */
    private final long sends;
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();

    CountingBackend() {
        this(0);
    }

    /** One that sends each player bytes after its Login Start, as fast as they are taken, until the socket fails. */
    static CountingBackend flooding() {
        return new CountingBackend(1L << 30);
    }

    /**
     * One that sends each player {@code bytes} after its Login Start, then closes: 8 KiB at a time, a millisecond
     * apart, so that the relay reads them in small chunks however busy the machine is.
     */
    static CountingBackend sending(long bytes) {
        return new CountingBackend(bytes);
    }

    private CountingBackend(long sends) {
        this.sends = sends;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    daemon(() -> count(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    /**
     * A player logged in through the node on {@code nodePort}: connected, its handshake and Login Start sent, and
     * seen here (so the node routed it, and what it sends next is relayed).
     */
    RawClient loggedIn(int nodePort, String host, int protocol, String name) throws IOException {
        RawClient client = RawClient.connect(nodePort).sendLogin(host, protocol, name);
        Await.until(Duration.ofSeconds(10), name + " at the backend", () -> received(name) >= 0);
        return client;
    }

    /** Bytes received from the player after its Login Start; -1 before it came. */
    long received(String player) {
        AtomicLong bytes = received.get(player);
        return bytes == null ? -1 : bytes.get();
    }

    /** Bytes the flooding backend has written to the player so far; -1 before its Login Start came. */
    long sent(String player) {
        AtomicLong bytes = sent.get(player);
        return bytes == null ? -1 : bytes.get();
    }

    private void count(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            Handshake handshake = Handshake.decode(RawClient.readFrame(in));
            LoginStart login = LoginStart.decode(RawClient.readFrame(in), handshake.protocolVersion());
            if (sends > 0) {
                send(socket, sends, sent.computeIfAbsent(login.name(), name -> new AtomicLong()));
                return; // and closes
            }
            AtomicLong bytes = received.computeIfAbsent(login.name(), name -> new AtomicLong());
            byte[] buffer = new byte[65_536];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.addAndGet(n);
            }
        } catch (IOException closed) {
            // the session ended
        }
    }

    private static void send(Socket socket, long bytes, AtomicLong sent) throws IOException {
        boolean paced = bytes < 1L << 30;
        byte[] chunk = new byte[paced ? 8192 : 65_536];
        while (sent.get() < bytes) {
            int length = (int) Math.min(chunk.length, bytes - sent.get());
            socket.getOutputStream().write(chunk, 0, length);
            sent.addAndGet(length);
            if (paced) {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    private static void daemon(Runnable body) {
        Thread thread = new Thread(body, "counting-backend");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
