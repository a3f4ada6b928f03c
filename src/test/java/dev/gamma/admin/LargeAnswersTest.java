package dev.gamma.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A player list of a busy network is hundreds of KiB. Clients that offer an HTTP/2 upgrade (the JDK's HttpClient by
 * default, which the CLI uses; {@code curl --http2}) stumble when that much follows the 101 at once, so the admin
 * API stays on HTTP/1.1 and answers such a request as a plain one.
 */
class LargeAnswersTest {
    private static final int PLAYERS = 2_000;

    @TempDir
    Path dataDir;
    AdminFixture admin;

    @BeforeEach
    void start() throws Exception {
        admin = new AdminFixture(dataDir, "");
        for (int i = 0; i < PLAYERS; i++) {
            admin.addPlayer("n1-" + i, "Player" + i, "n1", "play.example.com");
        }
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
    }

    @Test
    void largePlayerListReachesClientsThatOfferAnHttp2Upgrade() throws Exception {
        for (int i = 0; i < 20; i++) {
            HttpClient fresh = HttpClient.newHttpClient(); // a new connection, so a new upgrade offer each time
            HttpResponse<String> reply = fresh.send(admin.request("/api/players").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.body().length()).isGreaterThan(200_000);
        }
    }

    @Test
    void anUpgradeOfferIsAnsweredOverHttp11() throws Exception {
        URI uri = admin.request("/health").build().uri();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] statusLine = socket.getInputStream().readNBytes(15);
            assertThat(new String(statusLine, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
        }
    }
}
