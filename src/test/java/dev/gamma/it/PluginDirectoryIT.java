package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar reads plugins next to its config file, never from the directory it was started in. */
class PluginDirectoryIT {
    private static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aRelativePluginsDirIsFoundNextToTheConfigFileAndEachJarIsLoggedWithItsSha256() throws Exception {
        Path markers = Files.createDirectories(dir.resolve("markers"));
        Path jar = TestPlugins.markerJar(dir.resolve("conf/handlers/named.jar"), "named", markers, true);
        Path workingDirectory = Files.createDirectories(dir.resolve("elsewhere"));
        TestPlugins.markerJar(workingDirectory.resolve("handlers/intruder.jar"), "intruder", markers, false);
        config("""
                plugins-dir: handlers
                routes:
                  - host: named.test
                    backend: 127.0.0.1:1
                    handlers: [named]
                """);

        try (NodeProcess node = NodeProcess.start(Path.of("../conf/gamma.yaml"), workingDirectory)) {
            node.awaitLine(Pattern.compile(".*Gamma ready.*"), START);
            assertThat(node.lines()).anyMatch(line -> line.endsWith("plugin jar " + jar + " sha256 "
                    + TestPlugins.sha256(jar) + " handlers named"));
            assertThat(TestPlugins.marks(markers)).as("the named plugin only, constructed for its route")
                    .containsExactly("named.constructed", "named.initialized");
            assertThat(node.sigterm(Duration.ofSeconds(15))).isZero();
        }
    }

    @Test
    void aPluginsDirectoryEveryUserMayWriteStopsTheNodeWithExitCode2NamingIt() throws Exception {
        Path markers = Files.createDirectories(dir.resolve("markers"));
        Path plugins = dir.resolve("conf/plugins");
        TestPlugins.markerJar(plugins.resolve("named.jar"), "named", markers, true);
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path config = config("");

        try (NodeProcess node = NodeProcess.start(config, dir)) {
            assertThat(node.waitForExit(START)).isEqualTo(2);
            assertThat(node.lines()).contains("Configuration refused:", "  " + config + ": plugins-dir: " + plugins
                    + " is writable by its group and every user (rwxrwxrwx), who could then run code in Gamma;"
                    + " plugins must be writable by their owner only (chmod go-w " + plugins + ")");
            assertThat(TestPlugins.marks(markers)).isEmpty();
        }
    }

    /** conf/gamma.yaml with free ports, the data directory in the test's directory, and {@code yaml}. */
    private Path config(String yaml) throws IOException {
        Path file = dir.resolve("conf/gamma.yaml");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "bind: 127.0.0.1:" + GammaFixture.freePort() + "\nadmin: {bind: 127.0.0.1:"
                + GammaFixture.freePort() + "}\ndata-dir: " + dir.resolve("data") + "\n" + yaml);
    }
}
