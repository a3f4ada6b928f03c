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

/** A backend that counts, per player, the bytes that follow Login Start, and never answers. */
final class CountingBackend implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();

    CountingBackend() {
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

    private void count(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            Handshake handshake = Handshake.decode(RawClient.readFrame(in));
            LoginStart login = LoginStart.decode(RawClient.readFrame(in), handshake.protocolVersion());
            AtomicLong bytes = received.computeIfAbsent(login.name(), name -> new AtomicLong());
            byte[] buffer = new byte[65_536];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.addAndGet(n);
            }
        } catch (IOException closed) {
            // the session ended
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
