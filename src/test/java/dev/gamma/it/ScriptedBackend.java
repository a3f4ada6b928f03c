package dev.gamma.it;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LoginStart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

/**
 * A backend that misbehaves on purpose: it reads each connection's Handshake and Login Start, then plays
 * the script named by the player's name (an unknown name just waits for the close). What the script writes
 * is what Gamma must cope with.
 */
final class ScriptedBackend implements AutoCloseable {
    /** What the backend does after the login arrived. */
    interface Script {
        void play(OutputStream toGamma) throws Exception;
    }

    private final ServerSocket server;
    private final Map<String, Script> scripts;

    ScriptedBackend(Map<String, Script> scripts) {
        this.scripts = scripts;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("scripted-backend", this::acceptAll);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                daemon("scripted-backend-session", () -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            Handshake handshake = Handshake.decode(RawClient.readFrame(in));
            LoginStart login = LoginStart.decode(RawClient.readFrame(in), handshake.protocolVersion());
            Script script = scripts.get(login.name());
            if (script != null) {
                script.play(socket.getOutputStream());
            }
            in.transferTo(OutputStream.nullOutputStream()); // until Gamma closes
        } catch (Exception closedOrBroken) {
            // Gamma hanging up mid-script is what most scripts are for
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
