package dev.gamma.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT /api/routes/{host}} with a favicon path: only a file under the node's configuration directory is
 * read, and a caller cannot use the answers to find out what exists anywhere else.
 */
class FaviconPathsApiTest {
    @TempDir
    Path root;
    Path confDir;
    Path outside;
    AdminFixture admin;

    @BeforeEach
    void start() throws Exception {
        confDir = Files.createDirectories(root.resolve("conf"));
        outside = Files.createDirectories(root.resolve("elsewhere"));
        Files.write(outside.resolve("icon.png"), png());
        Files.writeString(outside.resolve("notes.txt"), "private");
        Files.createDirectories(confDir.resolve("icons"));
        Files.write(confDir.resolve("icons/server.png"), png());
        Files.writeString(confDir.resolve("gamma.yaml"), "admin: {token: private}\n");
        Files.createSymbolicLink(confDir.resolve("icons/escape.png"), outside.resolve("icon.png"));
        Files.createSymbolicLink(confDir.resolve("icons/dangling.png"), outside.resolve("missing.png"));
        Files.createSymbolicLink(confDir.resolve("icons/inner.png"), confDir.resolve("icons/server.png"));
        admin = new AdminFixture(confDir, "");
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
    }

    @Test
    void everyPathOutsideTheConfigDirectoryGetsTheSameAnswerWhetherOrNotAFileIsThere() throws Exception {
        List<String> paths = List.of(
                outside.resolve("icon.png").toString(), // a PNG that exists
                outside.resolve("notes.txt").toString(), // a file that exists
                outside.resolve("missing.png").toString(), // nothing there
                "/etc/passwd", "/dev/zero", "/",
                "../elsewhere/icon.png", "../elsewhere/missing.png", "icons/../../elsewhere/notes.txt",
                "icons/escape.png", "icons/dangling.png", // links out of the directory
                "icons", "icons/missing.png", // inside, but no file to read
                "gamma.yaml"); // inside, a file that is no icon: what it is stays unsaid
        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : paths) {
            var reply = admin.call("PUT", "/api/routes/icon.example.com", routeWithFavicon(path).encode());
            assertThat(reply.status()).as(path).isEqualTo(400);
            answers.put(path, reply.body());
        }

        assertThat(answers.values()).as("one answer for every path").containsOnly(answers.get("/etc/passwd"));
        String answer = answers.get("/etc/passwd");
        assertThat(answer).contains("status.fallback.favicon: no PNG file by that name under the configuration"
                + " directory").doesNotContain(root.toString(), "passwd", "not found", "regular");
        assertThat(admin.crosstalk.routes().snapshot()).isEmpty();
    }

    @Test
    void aPngUnderTheConfigDirectoryIsReadAndStoredAsADataUri() throws Exception {
        String expected = "data:image/png;base64," + Base64.getEncoder().encodeToString(png());

        for (String path : List.of("icons/server.png", "./icons/../icons/server.png", "icons/inner.png")) {
            var reply = admin.call("PUT", "/api/routes/icon.example.com", routeWithFavicon(path).encode());

            assertThat(reply.status()).as(reply.body()).isIn(200, 201);
            assertThat(reply.json().getJsonObject("route").getJsonObject("status").getJsonObject("fallback")
                    .getString("favicon")).isEqualTo(expected);
        }
    }

    @Test
    void aDataUriIsTakenAsItIs() throws Exception {
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png());

        var reply = admin.call("PUT", "/api/routes/icon.example.com", routeWithFavicon(uri).encode());

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static JsonObject routeWithFavicon(String favicon) {
        return new JsonObject().put("backend", "127.0.0.1:25566").put("status",
                new JsonObject().put("fallback", new JsonObject().put("favicon", favicon)));
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB), "png", out);
        return out.toByteArray();
    }
}
