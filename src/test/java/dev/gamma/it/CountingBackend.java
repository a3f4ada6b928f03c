package dev.gamma.it;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LoginStart;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A backend that counts, per player, the bytes that follow Login Start, and never answers; or one that answers
 * Login Start with an endless stream of bytes, counting what it could send.
 */
final class CountingBackend implements AutoCloseable {
    private final ServerSocket server;
    private final boolean flooding;
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();

    CountingBackend() {
        this(false);
    }

    /** One that sends each player bytes after its Login Start, as fast as they are taken, until the socket fails. */
    static CountingBackend flooding() {
        return new CountingBackend(true);
    }

    private CountingBackend(boolean flooding) {
        this.flooding = flooding;
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
            if (flooding) {
                flood(socket, sent.computeIfAbsent(login.name(), name -> new AtomicLong()));
                return;
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

    /** At most 1 GiB: a session the node never ends still stops. */
    private static void flood(Socket socket, AtomicLong sent) throws IOException {
        byte[] chunk = new byte[65_536];
        while (sent.get() < 1L << 30) {
            socket.getOutputStream().write(chunk);
            sent.addAndGet(chunk.length);
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
