package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaviconsTest {
    @TempDir
    Path dir;

    static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB), "png", out);
        return out.toByteArray();
    }

    private static String routeWithFavicon(String favicon) {
        return "routes:\n- host: a\n  backend: a:1\n  status:\n    fallback:\n      favicon: " + favicon + "\n";
    }

    @Test
    void aPngFileNextToTheConfigBecomesADataUri() throws IOException {
        byte[] icon = png(64, 64);
        Files.createDirectories(dir.resolve("conf/icons"));
        Files.write(dir.resolve("conf/icons/server.png"), icon);
        Path file = Fixture.write(dir.resolve("conf/gamma.yaml"), routeWithFavicon("icons/server.png"));

        String favicon = Fixture.parse(file, Map.of()).routes().get(0).status().fallbackFavicon();

        assertThat(favicon).isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(icon));
    }

    @Test
    void aDataUriIsCheckedAndKept() throws IOException {
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png(64, 64));
        Path file = Fixture.write(dir.resolve("gamma.yaml"), routeWithFavicon("\"" + uri + "\""));
        assertThat(Fixture.parse(file, Map.of()).routes().get(0).status().fallbackFavicon()).isEqualTo(uri);
    }

    @Test
    void aMissingFileIsAProblem() {
        Path file = dir.resolve("gamma.yaml");
        assertThat(Fixture.problems(file, routeWithFavicon("nope.png"), Map.of())).containsExactly(
                file + ":6: routes[0].status.fallback.favicon: file \"nope.png\" not found (looked for "
                        + dir.resolve("nope.png") + ")");
    }

    @Test
    void aFileThatIsNotAPngIsAProblem() throws IOException {
        Files.writeString(dir.resolve("icon.png"), "GIF89a not really");
        Path file = dir.resolve("gamma.yaml");
        assertThat(Fixture.problems(file, routeWithFavicon("icon.png"), Map.of())).containsExactly(
                file + ":6: routes[0].status.fallback.favicon: \"icon.png\" is not a PNG image");
    }

    @Test
    void aPngOfTheWrongSizeIsAProblem() throws IOException {
        Files.write(dir.resolve("big.png"), png(128, 128));
        Path file = dir.resolve("gamma.yaml");
        assertThat(Fixture.problems(file, routeWithFavicon("big.png"), Map.of())).containsExactly(
                file + ":6: routes[0].status.fallback.favicon: \"big.png\" is 128x128 pixels;"
                        + " a server icon must be 64x64");
    }

    @Test
    void aPngTooHeavyForTheStatusResponseIsAProblem() throws IOException {
        byte[] heavy = Arrays.copyOf(png(64, 64), 30 * 1024);
        Files.write(dir.resolve("heavy.png"), heavy);
        Path file = dir.resolve("gamma.yaml");
        assertThat(Fixture.problems(file, routeWithFavicon("heavy.png"), Map.of())).containsExactly(
                file + ":6: routes[0].status.fallback.favicon: \"heavy.png\" is 30 KiB;"
                        + " a server icon must be at most 20 KiB to fit the status response");
    }

    @Test
    void aDataUriOfAnotherTypeIsAProblem() {
        Path file = dir.resolve("gamma.yaml");
        assertThat(Fixture.problems(file, routeWithFavicon("\"data:image/gif;base64,R0lG\""), Map.of()))
                .containsExactly(file + ":6: routes[0].status.fallback.favicon:"
                        + " a data URI here must start with data:image/png;base64,");
    }

    @Test
    void aDeviceOrADirectoryIsAProblemAndIsNeverRead() throws IOException {
        Files.createDirectory(dir.resolve("icons"));
        Path file = dir.resolve("gamma.yaml");
        assertThat(Fixture.problems(file, routeWithFavicon("icons"), Map.of())).containsExactly(
                file + ":6: routes[0].status.fallback.favicon: \"icons\" (" + dir.resolve("icons")
                        + ") is not a regular file");
        Path endless = Path.of("/dev/zero");
        if (Files.exists(endless)) {
            assertThat(Fixture.problems(file, routeWithFavicon(endless.toString()), Map.of())).containsExactly(
                    file + ":6: routes[0].status.fallback.favicon: \"/dev/zero\" (/dev/zero) is not a regular file");
        }
    }

    @Test
    void fromTheAdminApiOnlyAFileUnderTheConfigDirectoryIsRead() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.write(conf.resolve("icon.png"), png(64, 64));
        Files.write(dir.resolve("outside.png"), png(64, 64));
        Files.createSymbolicLink(conf.resolve("link.png"), dir.resolve("outside.png"));
        Favicons api = Favicons.confinedTo(conf);

        assertThat(api.dataUri("icon.png")).startsWith(Favicons.PREFIX);
        for (String name : List.of(dir.resolve("outside.png").toString(), "../outside.png", "link.png",
                "missing.png", "/etc/passwd", ".", "nul\0.png")) {
            assertThatThrownBy(() -> api.dataUri(name)).as(name).hasMessage(Favicons.NOT_UNDER_BASE);
        }
    }

    @Test
    void theConfigFileMayNameAFileAnywhere() throws IOException {
        Files.write(dir.resolve("outside.png"), png(64, 64));
        Path file = Fixture.write(dir.resolve("conf/gamma.yaml"), routeWithFavicon(dir.resolve("outside.png")
                .toString()));

        assertThat(Fixture.parse(file, Map.of()).routes().get(0).status().fallbackFavicon())
                .startsWith(Favicons.PREFIX);
    }
}
